#!/usr/bin/env python3
"""Writes seed inputs for fuzz_decoders (layout: fuzz_decoders.cpp) into a directory: one per syscall
of syscalls/x86_64.tbl, with pointers into a memory image that holds strings, pointer arrays and
small numbers, and one per argument kind (selector 0x8000). The committed corpus
(fuzz/corpus) is these seeds merged with what libFuzzer found, minimised with -merge=1:

  fuzz/make_seeds.py /tmp/seeds
  build/fuzz/clang/fuzz_decoders -merge=1 fuzz/corpus /tmp/seeds build/fuzz/work/corpus
"""

import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGE_BASE = 0x7F0000000000
TAG = 0xA5A5A5 << 40


def image():
    """1 KiB of tracee memory: strings, a NULL-terminated pointer array, numbers, and pointers."""
    mem = bytearray(1024)
    strings = b"/etc/passwd\0hello world\n\0-l\0\x01\x02\xff\0" + b"A" * 40 + b"\0"
    mem[0 : len(strings)] = strings
    ptrs = [IMAGE_BASE + 0, IMAGE_BASE + 12, IMAGE_BASE + 25, 0]
    mem[128 : 128 + 8 * len(ptrs)] = b"".join(struct.pack("<Q", p) for p in ptrs)
    numbers = [1, 2, 3, 0xFFFFFFFF, 16, 0, 5, 8, 0x7FFF, 64, 4096, 0x1234]
    mem[256 : 256 + 8 * len(numbers)] = b"".join(struct.pack("<Q", n) for n in numbers)
    # iovec-like pairs (pointer, length)
    pairs = [IMAGE_BASE + 0, 11, IMAGE_BASE + 12, 12, IMAGE_BASE + 900, 200]
    mem[512 : 512 + 8 * len(pairs)] = b"".join(struct.pack("<Q", n) for n in pairs)
    return bytes(mem)


def seed(selector, flags, limit, args, ret, holes, kind=b"\0" * 12):
    header = struct.pack("<HBB", selector, flags, limit)
    header += b"".join(struct.pack("<Q", a) for a in args)
    header += struct.pack("<QQ", ret, holes) + kind
    assert len(header) == 80
    return header + image()


def syscall_numbers():
    numbers = []
    with open(os.path.join(os.path.dirname(HERE), "syscalls", "x86_64.tbl"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*(\d+)\s", line)
            if m:
                numbers.append(int(m.group(1)))
    return numbers


def kind_count():
    with open(os.path.join(os.path.dirname(HERE), "include", "trace", "syscalls", "arg_kind.hpp"), encoding="utf-8") as f:
        text = f.read()
    body = text[text.index("enum class ArgKind") : text.index("count_")]
    return len(re.findall(r"^\s+\w+,", body, re.M)) - 0


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    pointers = [TAG | off for off in (0, 128, 256, 512, 12, 900)]
    for nr in syscall_numbers():
        with open(os.path.join(out, f"nr{nr:03}"), "wb") as f:
            f.write(seed(nr, 0, 32, pointers, 24, 0))
        with open(os.path.join(out, f"nr{nr:03}-numbers"), "wb") as f:
            f.write(seed(nr, 1 | 2, 8, [3, 0x42, 0x80000, 1, TAG | 256, 0xFFFFFFFFFFFFFF9C], 5, 1 << 2))
    for kind in range(kind_count()):
        with open(os.path.join(out, f"kind{kind:03}"), "wb") as f:
            f.write(seed(0x8000, 1, 32, pointers, 64, 0, bytes([kind, 0, 0]) + bytes(9)))

if __name__ == "__main__":
    main()
