# Included from tests/CMakeLists.txt.  Adds the benchmarks (tests/bench)
# and the dual-backend firmware comparison: every program of the firmware
# suite (tests/firmware/programs.cmake) runs on cosim with the interpreter
# and with the JIT; stdout and exit status must be identical
# (fw_backends.<name>, label backend-compare).
add_subdirectory(${CMAKE_CURRENT_LIST_DIR} ${CMAKE_BINARY_DIR}/tests/bench)

if(TARGET cosim AND EXISTS ${CMAKE_CURRENT_LIST_DIR}/../firmware/programs.cmake)
  file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/../firmware/programs.cmake _fw_lines REGEX "^fw_program\\([a-z0-9_]+")
  foreach(line ${_fw_lines})
    string(REGEX REPLACE "^fw_program\\(([a-z0-9_]+).*" "\\1" name "${line}")
    add_test(NAME fw_backends.${name}
      COMMAND ${CMAKE_CURRENT_LIST_DIR}/backend-compare.sh $<TARGET_FILE:cosim>
              ${CMAKE_BINARY_DIR}/tests/firmware/${name}.elf)
    set_tests_properties(fw_backends.${name} PROPERTIES LABELS backend-compare TIMEOUT 240)
  endforeach()
endif()
