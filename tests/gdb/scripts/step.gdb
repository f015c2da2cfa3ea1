# step / next / stepi / finish through ARM and Thumb code.
#@ expect Breakpoint 1, main \(\) at .*gdbdemo.c:[0-9]+
#@ expect ^[0-9]+\s+int r = compute\(4\);
#@ expect ^compute \(n=4\) at .*gdbdemo.c:[0-9]+
#@ expect ^[0-9]+\s+int acc = 0;
#@ expect ^[0-9]+\s+for \(int i = 0; i < n; i\+\+\) \{
#@ expect ^square \(x=0\) at .*gdbdemo.c:[0-9]+
#@ expect ^arm_state = 0
#@ expect ^stepi_advanced = 4
#@ expect Breakpoint 2, thumb_add \(a=14, b=100\) at .*gdbdemo_thumb.c:[0-9]+
#@ expect ^thumb_state = 32
#@ expect ^[0-9]+\s+int d = thumb_twice\(s\);
#@ expect ^thumb_twice \(v=114\) at .*gdbdemo_thumb.c:[0-9]+
#@ expect ^thumb_stepi = 2
#@ expect Value returned is \$[0-9]+ = 228
#@ expect Value returned is \$[0-9]+ = 114
#@ expect \[Inferior 1 \(process 1\) exited normally\]
#@ reject (Remote connection closed|Cannot access memory|error|Error)
#@ output gdbdemo: compute 14 thumb 114
#@ status 0
set pagination off
set confirm off
target remote 127.0.0.1:@PORT@
break main
continue
next
step
next
next
step
printf "arm_state = %d\n", $cpsr & 0x20
set $before = $pc
stepi
printf "stepi_advanced = %d\n", $pc - $before
finish
break thumb_add
continue
printf "thumb_state = %d\n", $cpsr & 0x20
next
step
set $tbefore = $pc
stepi
printf "thumb_stepi = %d\n", $pc - $tbefore
x/i $pc
finish
finish
delete
set var release = 1
continue
