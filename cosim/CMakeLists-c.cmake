# Plain-C parts of cosim/ (no SystemC): the firmware loader and the UART
# character backends.  Included from cosim/CMakeLists.txt, or from
# tests/platforms/CMakeLists.txt while that does not include it yet.
add_library(cosim_loader STATIC ${CMAKE_CURRENT_LIST_DIR}/loader.c
            ${CMAKE_CURRENT_LIST_DIR}/sh-linux-boot.c    # SH Linux boot parameters
            ${CMAKE_CURRENT_LIST_DIR}/arm-linux-boot.c)  # ARM Linux ATAGs / device tree
target_include_directories(cosim_loader PUBLIC ${CMAKE_CURRENT_LIST_DIR}/.. ${FDT_INCLUDE_DIR})
target_link_libraries(cosim_loader PUBLIC PkgConfig::LIBELF ${FDT_LIBRARY})

add_library(cosim_chardev STATIC ${CMAKE_CURRENT_LIST_DIR}/chardev.c)
target_include_directories(cosim_chardev PUBLIC ${CMAKE_CURRENT_LIST_DIR}/..)
