# Ctrl-C (SIGINT to gdb) interrupts a running guest: it stops in the
# spin loop of main; gdb releases it and it exits.
#@ interrupt ^gdbdemo: compute
#@ expect Program received signal SIGINT, Interrupt\.
#@ expect ^#0  (0x[0-9a-f]+ in )?main \(\) at .*gdbdemo.c:[0-9]+
#@ expect ^spun = 1
#@ expect \[Inferior 1 \(process 1\) exited normally\]
#@ reject (Remote connection closed|Cannot access memory|error|Error)
#@ output gdbdemo: released after some spins
#@ status 0
set pagination off
set confirm off
target remote 127.0.0.1:@PORT@
continue
bt 1
printf "spun = %d\n", spins > 0
set var release = 1
continue
