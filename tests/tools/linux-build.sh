# linux-build.sh: sourced by the Linux test kernels' build scripts
# (tests/arm/linux/build-kernel.sh, tests/sh4/linux/build-kernel.sh).
# Each function prints "build-kernel: ..." and exits 1 on an error.
#
#   lb_up_to_date "PRODUCTS" "INPUTS"   0 when every product exists and is
#                                        newer than every input
#   lb_extract TARBALL SRC              the kernel source in SRC, extracted
#                                        once per tarball
#   lb_configure SRC KBUILD FRAGMENT MAKE-ARGS...
#                                        KBUILD/.config = tinyconfig +
#                                        FRAGMENT, checked option by option
#                                        (a missing dependency would drop one
#                                        silently)
#   lb_initramfs KBUILD INIT OUT        OUT = a cpio with /init, /proc and
#                                        /dev/console (the kernel's own
#                                        gen_init_cpio: no root needed for
#                                        the device node)

lb_die() { echo "build-kernel: $*" >&2; exit 1; }

lb_up_to_date() {
    for product in $1; do
        [ -f "$product" ] || return 1
        for f in $2; do
            [ "$f" -nt "$product" ] && return 1
        done
    done
    return 0
}

lb_extract() {
    if [ ! -f "$2/.extracted" ] || [ "$1" -nt "$2/.extracted" ]; then
        echo "build-kernel: extracting $1"
        rm -rf "$2"
        mkdir -p "$2"
        tar -xJf "$1" -C "$2" --strip-components=1
        touch "$2/.extracted"
    fi
}

lb_configure() {
    src=$1; kbuild=$2; fragment=$3; shift 3
    mkdir -p "$kbuild"
    nice -n 10 make -s -C "$src" O="$kbuild" "$@" tinyconfig >/dev/null
    (cd "$kbuild" && "$src/scripts/kconfig/merge_config.sh" -m .config "$fragment" >/dev/null 2>&1)
    nice -n 10 make -s -C "$src" O="$kbuild" "$@" olddefconfig >/dev/null
    grep '^CONFIG_' "$fragment" | while read -r line; do
        grep -qx "$line" "$kbuild/.config" || lb_die "$(basename "$fragment"): $line did not make it into the configuration"
    done
    grep '^# CONFIG_.* is not set' "$fragment" | while read -r line; do
        opt=$(echo "$line" | sed 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/\1/')
        if grep -q "^$opt=" "$kbuild/.config"; then
            lb_die "$(basename "$fragment"): $opt is set although the fragment turns it off"
        fi
    done
}

lb_initramfs() {
    cat >"$3.list" <<LIST
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
dir /proc 0755 0 0
file /init $2 0755 0 0
LIST
    "$1/usr/gen_init_cpio" "$3.list" >"$3.tmp"
    mv "$3.tmp" "$3"
}
