/*
 * The built-in boards: device trees compiled from platforms/<name>.dts at build
 * time (platforms/CMakeLists.txt embeds each .dtb as board_dtb_<name>).
 * To add a board: drop <name>.dts here and add a row below.
 */
#include <stddef.h>
#include <string.h>

#include "platforms/board.h"

extern const unsigned char board_dtb_versatilepb[];
extern const unsigned char board_dtb_shix[];

static const board_builtin board_builtins[] = {
    { "versatilepb", "ARM Versatile/PB (ARM926EJ-S)", board_dtb_versatilepb },
    { "shix", "SHIX (Renesas SH7750, SH-4)", board_dtb_shix },
    { NULL, NULL, NULL },
};

const board_builtin *board_builtin_list(void)
{
    return board_builtins;
}

const board_builtin *board_builtin_find(const char *name)
{
    if (!name)
        return NULL;
    for (const board_builtin *bb = board_builtins; bb->name; bb++)
        if (strcmp(bb->name, name) == 0)
            return bb;
    return NULL;
}
