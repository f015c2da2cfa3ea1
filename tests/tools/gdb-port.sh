# gdb-port.sh: sourced by the gdb test runners.
#
#   port=$(cosim_gdb_port ERRFILE PID)
#
# Waits (30 s at most) for cosim's "waiting for a debugger on
# 127.0.0.1:PORT" line on its stderr (ERRFILE) and prints PORT; prints
# nothing when cosim (PID) ended first or never listened.
cosim_gdb_port() {
    for i in $(seq 1 300); do
        p=$(sed -n 's/.*waiting for a debugger on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$1")
        if [ -n "$p" ]; then
            echo "$p"
            return 0
        fi
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
