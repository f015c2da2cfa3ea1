#!/usr/bin/env bash
# One entry point for a fresh Debian machine:
#   tests/tools/bootstrap.sh demo   install, build, boot the demo firmware on versatilepb
#   tests/tools/bootstrap.sh test   install, build, run the whole test suite
# Installs the Debian packages in tests/tools/debian-packages.txt (with sudo
# unless already root), configures into ./build and builds with -j2.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$here"
what=${1:-}
case "$what" in
  demo|test) ;;
  *) echo "usage: $0 demo|test" >&2; exit 1 ;;
esac

sudo_=""
if [ "$(id -u)" != 0 ]; then sudo_=sudo; fi
mapfile -t pkgs < <(grep -v '^#' tests/tools/debian-packages.txt | grep .)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  $sudo_ apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q "${missing[@]}"
fi

build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j2

case "$what" in
  demo)
    exec "$build/bin/cosim" -M versatilepb -nographic -semihosting \
         -kernel "$build/tests/firmware/demo.elf"
    ;;
  test)
    exec ctest --test-dir "$build" -j2 --output-on-failure --timeout 300
    ;;
esac
