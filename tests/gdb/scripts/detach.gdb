# Detach lets the guest run on without breakpoints; a second gdb
# attaches to the running guest (it stops), then lets it exit.
#@ expect Breakpoint 1, compute \(n=4\) at .*gdbdemo.c:[0-9]+
#@ expect \[Inferior 1 \(process 1\) detached\]
#@ reject (Remote connection closed|Cannot access memory|error|Error)
#@ reattach detach.second
#@ expect2 ^#0  (0x[0-9a-f]+ in )?main \(\) at .*gdbdemo.c:[0-9]+
#@ expect2 ^spun = 1
#@ expect2 \[Inferior 1 \(process 1\) exited normally\]
#@ reject2 (Remote connection closed|Cannot access memory|error|Error|Breakpoint)
#@ output gdbdemo: compute 14 thumb 114
#@ output gdbdemo: released after some spins
#@ status 0
set pagination off
set confirm off
target remote 127.0.0.1:@PORT@
break compute
continue
detach
