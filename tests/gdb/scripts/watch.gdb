# A write watchpoint fires at the store, with the right address and
# values; a read watchpoint (rwatch) fires on a load.
#@ expect Hardware watchpoint 1: counter
#@ expect Old value = 0\s*$
#@ expect New value = 1\s*$
#@ expect Old value = 1\s*$
#@ expect New value = 5\s*$
#@ expect ^compute \(n=4\) at .*gdbdemo.c:[0-9]+
#@ expect ^#0  compute \(n=4\) at .*gdbdemo.c:[0-9]+
#@ expect ^acc_now = 5
#@ expect Hardware read watchpoint 2: release
#@ expect Value = 0\s*$
#@ expect ^#0  (0x[0-9a-f]+ in )?main \(\) at .*gdbdemo.c:[0-9]+
#@ expect \[Inferior 1 \(process 1\) exited normally\]
#@ reject (Remote connection closed|Cannot access memory|error|Error)
#@ output gdbdemo: compute 14 thumb 114
#@ status 0
set pagination off
set confirm off
target remote 127.0.0.1:@PORT@
watch counter
continue
continue
bt 1
printf "acc_now = %d\n", acc
delete
rwatch release
continue
bt 1
delete
set var release = 1
continue
