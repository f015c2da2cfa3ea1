# Monitor commands (help, time, memory map, registers, step-irq, reset)
# and kill.
#@ expect system_reset
#@ expect 10000000-10000fff sysreg@10000000
#@ expect 101f1000-101f1fff uart@101f1000
#@ expect mode svc \(ARM state\), IRQ masked, FIQ masked
#@ expect cp15: sctlr 0x[0-9a-f]+
#@ expect step-irq is off
#@ expect ^simulated time: 0\.000 ns
#@ expect ^CPU#0: [1-9][0-9]* cycles, [1-9][0-9]* instructions
#@ expect machine reset
#@ expect Breakpoint 1, compute \(n=4\) at .*gdbdemo.c:[0-9]+
#@ expect ^pc_after_reset_is_entry = 1
#@ expect ^r0_after_reset = 0
#@ expect \[Inferior 1 \(process 1\) killed\]
#@ reject (Remote connection closed|Cannot access memory|error|Error)
#@ outcount 2 ^gdbdemo: start$
#@ status 0
set pagination off
set confirm off
target remote 127.0.0.1:@PORT@
set $entry = $pc
monitor help
monitor info mtree
monitor info registers
monitor step-irq
monitor time
break compute
continue
monitor time
set $r0 = 0x1234
monitor system_reset
# gdb caches registers: after a reset behind its back it must re-read them
maintenance flush register-cache
printf "pc_after_reset_is_entry = %d\n", $pc == $entry
printf "r0_after_reset = %d\n", $r0
continue
kill
