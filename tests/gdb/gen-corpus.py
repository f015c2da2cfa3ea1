#!/usr/bin/env python3
"""Regenerate the seed corpus in tests/gdb/corpus/ (one file per session).

Each file is one fuzz input: a flags byte (see fuzz_entry.c) followed by
the bytes a client sends.  Sessions cover every packet family plus bad
input; libFuzzer mutates from here.  Run from anywhere:
    python3 tests/gdb/gen-corpus.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")


def frame(payload: bytes) -> bytes:
    return b"$" + payload + b"#" + b"%02x" % (sum(payload) & 0xFF)


def build(flags, items):
    out = bytes([flags])
    for it in items:
        if isinstance(it, tuple):      # ("raw", bytes)
            out += it[1]
        else:
            out += frame(it.encode() if isinstance(it, str) else it)
    return out


HANDSHAKE = ["qSupported:multiprocess+;swbreak+;hwbreak+;vContSupported+", "vMustReplyEmpty",
             "QStartNoAckMode", "Hgp0.0", "qXfer:features:read:target.xml:0,ffb", "qTStatus",
             "?", "qfThreadInfo", "qsThreadInfo", "qAttached:1", "Hc-1", "qC", "g"]

SESSIONS = {
    "handshake": build(1, HANDSHAKE),
    "registers": build(1, ["g", "G" + "00112233" * 17, "p19", "pf", "Pf=00100000", "p1a",
                           "Hgp1.2", "p1a", "P1a=0000000000000040", "p2a", "p100", "Pzz"]),
    "memory": build(1, ["m1000,10", "M1000,4:deadbeef", "m0,4", "m4ffe,8", "M4ffe,4:00000000",
                        "m1000,ffffffff", "mzz,4", "M1000,2:abc"]),
    "binary_x": build(1, [b"X1000,4:}\x03}\x04}]}\x0a", "X1000,0:", b"X1000,2:}", b"X0,1:A"]),
    "breakpoints": build(1, HANDSHAKE[:1] + ["Z0,1008,4", "c", ("raw", b"+"), "z0,1008,4",
                                             "Z1,100c,4", "c", "Z9,0,0", "z1,100c,4"]),
    "watchpoints": build(1, HANDSHAKE[:1] + ["Z2,1800,4", "c", "z2,1800,4", "Z3,1800,4", "c",
                                             "z3,1800,4", "Z4,1800,1", "c", "Z2,1800,0"]),
    "step_vcont": build(1, HANDSHAKE[:1] + ["s", "Hcp1.2", "s", "vCont?", "vCont;s:p1.1",
                                            "vCont;s:p1.2;c", ("raw", b"\x03"), "vCont;C0b:p1.1;c",
                                            ("raw", b"\x03"), "vCont;x", "S05", "C02"]),
    "ctrl_c": build(0, ["?", "c", ("raw", b"\x03\x03"), "g", "c", ("raw", b"\x03")]),
    "monitor": build(1, ["qRcmd," + s.encode().hex() for s in
                         ["help", "info registers", "info mtree", "time", "step-irq on",
                          "step-irq", "system_reset", "frobnicate"]] + ["qRcmd,6", "qRcmd,zz"]),
    "monitor_quit": build(1, ["qRcmd," + "quit".encode().hex(), "g", "c"]),
    "threads": build(1, HANDSHAKE[:1] + ["Tp1.1", "Tp1.3", "Hgp1.5", "qThreadExtraInfo,p1.2",
                                         "qThreadExtraInfo,zz", "Hg0", "Hg-1", "T-1"]),
    "xfer_chunks": build(5, ["qXfer:features:read:target.xml:%x,40" % o for o in range(0, 0x300, 0x40)]
                         + ["qXfer:features:read:bogus.xml:0,40", "qXfer:features:read:target.xml:0"]),
    "bad_framing": bytes([1]) + b"junk\r\n$m10$OK#9a$g#00$g#zz-+-" + frame(b"g") + b"$0*#5a$* #4a"
                   + b"$a*~#09" + b"$" + b"a" * 300 + b"#00" + frame(b"?"),
    "oversize_small_pkt": build(5, ["M1000,150:" + "aa" * 0x150, "m1000,1000", "g"]),
    "rle_replies": build(3, ["m1000,40", "g", "qfThreadInfo"]),
    "detach_reattach": build(9, HANDSHAKE[:1] + ["Z0,1008,4", "Z2,1800,4", "c", ("raw", b"$m10"),
                                                "?", "g", "D", "?", "c"]),
    "kill": build(1, ["?", "k", "g"]),
    "vkill": build(1, ["vKill;1", "c"]),
    "exit": build(0, ["Hcp1.1", "Pf=00120000", "c", "?", "c", "s"]),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in SESSIONS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print("wrote %d corpus files to %s" % (len(SESSIONS), OUT))


if __name__ == "__main__":
    main()
