#!/usr/bin/env python3
"""Generate the C++ syscall table from syscalls/x86_64.tbl.

The table is the source of truth: every x86-64 syscall up to the newest kernel release, with the
numbers of the kernel's arch/x86/entry/syscalls/syscall_64.tbl, whatever the build host. It is checked
against include/trace/syscalls/arg_kind.hpp (argument kinds) and cross-checked against the host's
<asm/unistd_64.h>: a number that differs is an error; a syscall the header has and the table lacks (a
header newer than the table) is a warning naming it; a row the header lacks (older headers) is fine.
The output is a header with one constexpr row per syscall, ordered by number, and a
static_assert(__NR_x == n) per row guarded by #ifdef __NR_x. It is rewritten only when its content
changes, so an unchanged table does not trigger a rebuild.

Errors name the source line (x86_64.tbl:12: unknown kind 'fdd'); the exit status is non-zero on any.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

MAX_ARGS = 6

RET_KINDS = ("dec", "hex", "oct", "fd", "none")

# Table class name -> SyscallClass enumerator in include/trace/syscalls/table.hpp.
CLASSES = {
    "file": "kClassFile",
    "process": "kClassProcess",
    "network": "kClassNetwork",
    "signal": "kClassSignal",
    "ipc": "kClassIpc",
    "desc": "kClassDesc",
    "memory": "kClassMemory",
    "creds": "kClassCreds",
    "clock": "kClassClock",
    "stat": "kClassStat",
    "lstat": "kClassLstat",
    "fstat": "kClassFstat",
    "stat_like": "kClassStatLike",
    "statfs": "kClassStatfs",
    "fstatfs": "kClassFstatfs",
    "statfs_like": "kClassStatfsLike",
    "pure": "kClassPure",
}

# Kinds spelled differently in the table than in C++ (C++ keywords need a trailing underscore).
KIND_ALIASES = {"int": "int_", "long": "long_"}

# Buffer kinds carry a length binding; every other kind must not.
BUFFER_KINDS = ("in_buf", "out_buf")

# Kinds an argument must have to serve as the length of a buffer.
LENGTH_KINDS = ("size", "int_", "uint", "long_", "ulong")

DIRS = {"in": "in", "out": "out", "inout": "inout"}

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
ARG = re.compile(
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*):"
    r"(?:(?P<dir>in|out|inout):)?"
    r"(?P<kind>[A-Za-z_][A-Za-z0-9_]*)"
    r"(?:\[(?P<bind>[A-Za-z_][A-Za-z0-9_]*)\])?\Z"
)


class Errors:
    """Collects errors so that one run reports all of them."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.messages.append(f"{where}: {message}")

    def __bool__(self) -> bool:
        return bool(self.messages)


@dataclass
class Arg:
    name: str
    kind: str
    dir: str
    bind: str | None  # an argument name, "ret", or None


@dataclass
class Row:
    where: str
    nr: int
    name: str
    ret: str
    classes: list[str]
    args: list[Arg] = field(default_factory=list)


def read_arg_kinds(path: Path, errors: Errors) -> set[str]:
    """The enumerators of enum class ArgKind, without the count_ sentinel."""
    text = path.read_text()
    match = re.search(r"enum\s+class\s+ArgKind\b[^{]*\{(?P<body>.*?)\};", text, re.S)
    if not match:
        errors.add(str(path), "no 'enum class ArgKind { ... };' found")
        return set()
    body = re.sub(r"//[^\n]*|/\*.*?\*/", "", match.group("body"), flags=re.S)
    kinds = set()
    for item in body.split(","):
        item = item.split("=")[0].strip()
        if item and item != "count_":
            kinds.add(item)
    if not kinds:
        errors.add(str(path), "enum ArgKind has no enumerators")
    return kinds


def read_unistd(path: Path, errors: Errors) -> dict[str, int]:
    """The __NR_name -> number definitions of <asm/unistd_64.h>."""
    numbers: dict[str, int] = {}
    for line in path.read_text().splitlines():
        match = re.match(r"\s*#\s*define\s+__NR_(\w+)\s+(\d+)\s*$", line)
        if match:
            numbers[match.group(1)] = int(match.group(2))
    if not numbers:
        errors.add(str(path), "no __NR_ definitions found")
    return numbers


def parse_arg(text: str, kinds: set[str], where: str, errors: Errors) -> Arg | None:
    match = ARG.match(text)
    if not match:
        errors.add(where, f"malformed argument '{text}' (expected name:[in:|out:|inout:]kind[binding])")
        return None
    kind = KIND_ALIASES.get(match.group("kind"), match.group("kind"))
    if kind not in kinds:
        errors.add(where, f"unknown kind '{match.group('kind')}'")
        return None
    direction = match.group("dir") or "in"
    if kind == "out_buf":
        if direction == "inout":
            errors.add(where, f"argument '{match.group('name')}': out_buf cannot be inout")
        direction = "out"
    elif kind == "in_buf" and direction != "in":
        errors.add(where, f"argument '{match.group('name')}': in_buf is always an input")
    return Arg(match.group("name"), kind, direction, match.group("bind"))


def check_bindings(row: Row, errors: Errors) -> None:
    by_name = {arg.name: arg for arg in row.args}
    for arg in row.args:
        what = f"argument '{arg.name}'"
        if arg.kind not in BUFFER_KINDS:
            if arg.bind is not None:
                errors.add(row.where, f"{what}: only in_buf and out_buf take a length binding")
        elif arg.bind is None:
            errors.add(row.where, f"{what}: {arg.kind} needs a length binding, [name] or [ret]")
        elif arg.bind == "ret":
            if arg.kind == "in_buf":
                errors.add(row.where, f"{what}: in_buf is decoded at entry, it cannot bind to [ret]")
        elif arg.bind not in by_name:
            errors.add(row.where, f"{what}: binding '{arg.bind}' is not an argument of {row.name}")
        elif arg.bind == arg.name:
            errors.add(row.where, f"{what}: binds to itself")
        elif by_name[arg.bind].kind not in LENGTH_KINDS:
            length_kind = by_name[arg.bind].kind
            errors.add(row.where, f"{what}: length '{arg.bind}' has kind {length_kind}, not a number")


def parse_table(path: Path, kinds: set[str], errors: Errors) -> list[Row]:
    rows: list[Row] = []
    for lineno, line in enumerate(path.read_text().splitlines(), 1):
        where = f"{path.name}:{lineno}"
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) < 4:
            errors.add(where, "expected: nr name ret classes args...")
            continue
        nr_text, name, ret, classes_text = fields[:4]
        if not nr_text.isdigit():
            errors.add(where, f"bad syscall number '{nr_text}'")
            continue
        if not IDENT.match(name):
            errors.add(where, f"bad syscall name '{name}'")
            continue
        if ret not in RET_KINDS:
            errors.add(where, f"unknown return kind '{ret}' (expected one of {', '.join(RET_KINDS)})")
        classes: list[str] = []
        if classes_text != "-":
            for cls in classes_text.split(","):
                if cls not in CLASSES:
                    errors.add(where, f"unknown class '{cls}'")
                elif cls in classes:
                    errors.add(where, f"class '{cls}' given twice")
                else:
                    classes.append(cls)
        row = Row(where, int(nr_text), name, ret, classes)
        arg_texts = fields[4:]
        if len(arg_texts) > MAX_ARGS:
            errors.add(where, f"{name} has {len(arg_texts)} arguments, at most {MAX_ARGS} allowed")
        for text in arg_texts[:MAX_ARGS]:
            arg = parse_arg(text, kinds, where, errors)
            if arg is None:
                continue
            if any(other.name == arg.name for other in row.args):
                errors.add(where, f"argument name '{arg.name}' given twice")
            row.args.append(arg)
        check_bindings(row, errors)
        rows.append(row)
    return rows


def check_rows(rows: list[Row], errors: Errors) -> None:
    seen_names: dict[str, Row] = {}
    seen_numbers: dict[int, Row] = {}
    for row in rows:
        if row.name in seen_names:
            errors.add(row.where, f"duplicate syscall '{row.name}' (first at {seen_names[row.name].where})")
        else:
            seen_names[row.name] = row
        if row.nr in seen_numbers:
            errors.add(row.where, f"duplicate number {row.nr} (first at {seen_numbers[row.nr].where})")
        else:
            seen_numbers[row.nr] = row


def check_against_header(rows: list[Row], numbers: dict[str, int], header: Path, errors: Errors) -> list[str]:
    """Errors for numbers that differ; returns warnings for the header's syscalls the table lacks."""
    names = {row.name for row in rows}
    for row in rows:
        if row.name in numbers and numbers[row.name] != row.nr:
            errors.add(row.where, f"'{row.name}' is number {numbers[row.name]} in {header}, not {row.nr}")
    return [
        f"{header}: warning: syscall '{name}' ({nr}) is missing from the table; trace shows it as "
        f"syscall_{nr:#x} (add it to syscalls/x86_64.tbl)"
        for name, nr in sorted(numbers.items(), key=lambda item: item[1])
        if name not in names
    ]


def cpp_arg(row: Row, arg: Arg) -> str:
    if arg.bind is None:
        bind = "kBindNone"
    elif arg.bind == "ret":
        bind = "kBindRet"
    else:
        bind = str(next(i for i, other in enumerate(row.args) if other.name == arg.bind))
    return f'{{"{arg.name}", ArgKind::{arg.kind}, ArgDir::{arg.dir}, {bind}}}'


def cpp_row(row: Row) -> str:
    classes = " | ".join(CLASSES[cls] for cls in row.classes) or "0u"
    args = ", ".join([cpp_arg(row, arg) for arg in row.args] + ["kNoArg"] * (MAX_ARGS - len(row.args)))
    return (
        f'    {{{row.nr}, "{row.name}", RetKind::{row.ret}, {classes}, {len(row.args)}, {{{args}}}}},'
    )


def render(rows: list[Row], table: Path) -> str:
    rows = sorted(rows, key=lambda row: row.nr)
    lines = [
        f"// Generated by syscalls/gen_table.py from syscalls/{table.name}. Do not edit.",
        "#pragma once",
        '#include "trace/syscalls/table.hpp"',
        "",
        "#include <asm/unistd_64.h> // only for the cross-check at the end",
        "",
        "#include <array>",
        "",
        "namespace trace::generated {",
        "",
        f"static_assert(kMaxArgs == {MAX_ARGS}, \"gen_table.py pads every row to {MAX_ARGS} arguments\");",
        "",
        "// Fills the argument slots past nargs.",
        "inline constexpr ArgSpec kNoArg{nullptr, ArgKind::int_, ArgDir::in, kBindNone};",
        "",
        "// clang-format off",
        f"inline constexpr std::array<SyscallEntry, {len(rows)}> kSyscallRows{{{{",
    ]
    lines += [cpp_row(row) for row in rows]
    lines += [
        "}};",
        "// clang-format on",
        "",
        "} // namespace trace::generated",
        "",
    ]
    lines.append("// The host's headers may lack the newest syscalls: each check only where the macro exists.")
    for row in rows:
        lines += [f"#ifdef __NR_{row.name}", f"static_assert(__NR_{row.name} == {row.nr});", "#endif"]
    return "\n".join(lines) + "\n"


def write_if_changed(path: Path, content: str) -> None:
    try:
        if path.read_text() == content:
            return
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(content)
    tmp.replace(path)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", type=Path, required=True, help="syscalls/x86_64.tbl")
    parser.add_argument("--arg-kinds", type=Path, required=True, help="include/trace/syscalls/arg_kind.hpp")
    parser.add_argument("--unistd", type=Path, required=True, help="<asm/unistd_64.h>")
    parser.add_argument("--output", type=Path, help="the header to write; without it, only check")
    options = parser.parse_args(argv)

    errors = Errors()
    kinds = read_arg_kinds(options.arg_kinds, errors)
    numbers = read_unistd(options.unistd, errors)
    if errors:
        print("\n".join(errors.messages), file=sys.stderr)
        return 1
    rows = parse_table(options.table, kinds, errors)
    check_rows(rows, errors)
    warnings = check_against_header(rows, numbers, options.unistd, errors)
    if warnings:
        print("\n".join(warnings), file=sys.stderr)
    if errors:
        print("\n".join(errors.messages), file=sys.stderr)
        print(f"{options.table.name}: {len(errors.messages)} error(s)", file=sys.stderr)
        return 1
    if options.output:
        write_if_changed(options.output, render(rows, options.table))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
