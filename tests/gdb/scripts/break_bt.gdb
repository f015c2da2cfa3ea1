# Break at a function by name, continue, backtrace, read and write
# registers and memory, finish, then let the guest exit.
#@ expect Breakpoint 1 at 0x[0-9a-f]+: file .*gdbdemo.c, line [0-9]+
#@ expect Breakpoint 1, square \(x=2\) at .*gdbdemo.c:[0-9]+
#@ expect ^#0  square \(x=2\) at
#@ expect ^#1  0x[0-9a-f]+ in compute \(n=4\) at .*gdbdemo.c:[0-9]+
#@ expect ^#2  0x[0-9a-f]+ in main \(\) at .*gdbdemo.c:[0-9]+
#@ expect ^cpsr_mode = 0x13
#@ expect ^r12_after = 0x12345678
#@ expect ^r11_is_fp = 1
#@ expect ^counter_mem = 0xdeadbeef
#@ expect ^0x[0-9a-f]+ <counter>:\s+0xdeadbeef
#@ expect ^spins_set = 0x2a
#@ expect Value returned is \$[0-9]+ = 4
#@ expect \[Inferior 1 \(process 1\) exited normally\]
#@ reject (Remote connection closed|Cannot access memory|error|Error)
#@ output gdbdemo: compute 14 thumb 114
#@ status 0
set pagination off
set confirm off
target remote 127.0.0.1:@PORT@
break square
ignore 1 2
continue
bt
printf "cpsr_mode = 0x%x\n", $cpsr & 0x3f
set $r12 = 0x12345678
printf "r12_after = 0x%x\n", $r12
printf "r11_is_fp = %d\n", $r11 == $fp
set var counter = 0xdeadbeef
printf "counter_mem = 0x%x\n", counter
x/xw &counter
set var spins = 42
printf "spins_set = 0x%x\n", spins
finish
delete
set var release = 1
continue
