# The SHIX firmware programs on the SystemC platform (included from
# CMakeLists.txt once the programs are defined): every program runs as
#   cosim -M shix -nographic --backend B -kernel X.elf   (rom_*: -bios X.bin)
# with both translation backends (the JIT on x86-64 hosts only), and its
# console output must end with "END PASS" and equal what the same program
# prints on shix_run (run-cosim.sh).  Test names: sh4fw.cosim.<backend>.<program>.
# Bad input (sh4fw.cosim.cli.*): an ARM ELF on -M shix, -bios misuse, -semihosting.
if(NOT TARGET cosim)
  return()
endif()
set(SH4FW_BACKENDS interp)
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  list(APPEND SH4FW_BACKENDS jit)
endif()
foreach(src ${SH4FW_PROGS})
  get_filename_component(name ${src} NAME_WE)
  if(name MATCHES "^rom_")
    set(fwargs -bios ${SH4FW_OUT}/${name}.bin)
  else()
    set(fwargs -kernel ${SH4FW_OUT}/${name}.elf)
  endif()
  set(input "")
  if(name STREQUAL "serial_echo")
    set(input "sh4\\n")   # printf %b escapes, as run-cosim.sh expands them
  endif()
  foreach(be ${SH4FW_BACKENDS})
    add_test(NAME sh4fw.cosim.${be}.${name}
      COMMAND ${SH4FW_SRC}/run-cosim.sh $<TARGET_FILE:cosim> $<TARGET_FILE:shix_run> "${input}" ${be} ${fwargs})
    set_tests_properties(sh4fw.cosim.${be}.${name} PROPERTIES TIMEOUT 300 LABELS "sh4;firmware;cosim"
                         ENVIRONMENT SH4FW_TIMEOUT=240)   # rtc: 1 s of guest time
  endforeach()
endforeach()

# Bad input (tests/system/cli-check.sh "error": exit 1, exactly one stderr
# line starting "cosim: ").  An ARM program on the SH-4 board:
function(sh4fw_cli_error name pattern)
  add_test(NAME sh4fw.cosim.cli.${name}
           COMMAND ${CMAKE_SOURCE_DIR}/tests/system/cli-check.sh error ${pattern} $<TARGET_FILE:cosim> ${ARGN})
  set_tests_properties(sh4fw.cosim.cli.${name} PROPERTIES TIMEOUT 60 LABELS "sh4;cosim")
endfunction()
sh4fw_cli_error(arm_elf "hello.elf: ELF is for machine ARM \\(40\\), this board needs SuperH"
                -M shix -nographic -kernel ${CMAKE_BINARY_DIR}/tests/firmware/hello.elf)
# -bios larger than the 16 KiB boot ROM (the cosim binary itself)
sh4fw_cli_error(bios_too_large "-bios .*: larger than the 16 KiB boot ROM"
                -M shix -nographic -bios $<TARGET_FILE:cosim>)
sh4fw_cli_error(bios_missing "-bios /nonexistent.bin: No such file" -M shix -bios /nonexistent.bin)
# the Versatile PB has no boot ROM: -bios is refused, not ignored
sh4fw_cli_error(bios_versatilepb "-bios: board versatilepb has no boot ROM"
                -M versatilepb -nographic -bios ${SH4FW_OUT}/rom_hello.bin)
sh4fw_cli_error(semihosting "-semihosting: not available on CPU renesas,sh7750"
                -M shix -nographic -semihosting -kernel ${SH4FW_OUT}/hello.elf)
# -append/-initrd (the SH Linux boot parameters) need an SH Linux vmlinux:
# a bare-metal ELF has no boot parameter page, a raw image is refused,
# -bios alone has no kernel (tests/sh4/linux boots a real one)
sh4fw_cli_error(append_bare_elf "hello.elf: not an SH Linux kernel \\(no boot parameter page"
                -M shix -nographic -kernel ${SH4FW_OUT}/hello.elf -append "console=ttySC1")
sh4fw_cli_error(initrd_raw_image "rom_hello.bin: a raw image. -append and -initrd need the SH Linux kernel as an ELF"
                -M shix -nographic -kernel ${SH4FW_OUT}/rom_hello.bin -initrd ${SH4FW_OUT}/rom_hello.bin)
sh4fw_cli_error(initrd_without_kernel "-initrd: needs a Linux kernel \\(-kernel vmlinux\\)"
                -M shix -nographic -bios ${SH4FW_OUT}/rom_hello.bin -initrd ${SH4FW_OUT}/rom_hello.bin)

# gdb on the SH-4 (gdb/arch-sh4.c through cosim/gdb-glue.cc): break,
# backtrace, step, register and memory writes, monitor, Ctrl-C in SLEEP.
find_program(SH4FW_GDB gdb-multiarch)
if(SH4FW_GDB)
  foreach(be ${SH4FW_BACKENDS})
    add_test(NAME sh4fw.cosim.gdb.${be}
      COMMAND ${SH4FW_SRC}/run-gdb.sh $<TARGET_FILE:cosim> ${SH4FW_GDB} ${SH4FW_OUT}/arith.elf ${be})
    set_tests_properties(sh4fw.cosim.gdb.${be} PROPERTIES TIMEOUT 300 LABELS "sh4;cosim;gdb")
    # monitor nmi: the NMI reaches the CPU (and the DMAC) while IMASK = 15
    add_test(NAME sh4fw.cosim.gdb_nmi.${be}
      COMMAND ${SH4FW_SRC}/run-gdb-nmi.sh $<TARGET_FILE:cosim> ${SH4FW_GDB} ${SH4FW_NMI_ELF} ${be})
    set_tests_properties(sh4fw.cosim.gdb_nmi.${be} PROPERTIES TIMEOUT 300 LABELS "sh4;cosim;gdb")
  endforeach()
endif()
