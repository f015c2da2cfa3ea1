# Write a .dtb as a C array: cmake -DIN=x.dtb -DOUT=x.c -DNAME=sym -P embed-dtb.cmake
# (plain CMake so the build needs no xxd; the array is 8-byte aligned
# because libfdt requires an aligned blob).
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n)
math(EXPR size "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
file(WRITE "${OUT}.tmp"
"/* Generated from ${IN} by platforms/cmake/embed-dtb.cmake: do not edit. */\n"
"#include <stddef.h>\n"
"__attribute__((aligned(8))) const unsigned char ${NAME}[] = {\n    ${body}\n};\n"
"const size_t ${NAME}_size = ${size};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
