/*
 * GCC plugin for Debian's sh4-linux-gnu-gcc 12: turns off the SH
 * back end's sh_treg_combine passes.
 *
 * Why: in that compiler those passes take a word loaded from memory for
 * an inverted T-bit store and delete the load and the TST feeding a
 * conditional branch.  `int g(int *p) { if (!*p) return 5; return 7; }`
 * compiles (at -O1, -O2 and -Os) to a BT on a stale T bit.  A Linux kernel
 * built that way hangs in its first printk (printk_delay's
 * `if (printk_delay_msec)` test is gone and the delay loop counts from 0).
 * The passes only optimise T-bit stores; without them the code is what
 * the rest of the compiler makes of it.
 *
 * Build: g++ -shared -fPIC -fno-rtti -I$(sh4-linux-gnu-gcc -print-file-name=plugin)/include
 * (Debian package gcc-12-plugin-dev-sh4-linux-gnu); use: -fplugin=THIS.so.
 */
#include "gcc-plugin.h"
#include "plugin-version.h"
#include "tree-pass.h"

#include <cstring>

/* GCC loads only plugins that declare this (the plugin runs inside GCC). */
int plugin_is_GPL_compatible;

namespace {

/* PLUGIN_OVERRIDE_GATE: called with each pass's gate result before the
 * pass runs (current_pass is the pass). */
void no_treg_combine(void *gate_status, void *)
{
    const char *name = current_pass ? current_pass->name : nullptr;
    if (name && std::strncmp(name, "sh_treg_combine", 15) == 0)
        *static_cast<bool *>(gate_status) = false;
}

} // namespace

int plugin_init(struct plugin_name_args *info, struct plugin_gcc_version *version)
{
    if (!plugin_default_version_check(version, &gcc_version))
        return 1;
    register_callback(info->base_name, PLUGIN_OVERRIDE_GATE, no_treg_combine, nullptr);
    return 0;
}
