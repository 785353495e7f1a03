#!/usr/bin/env python3
"""Generate the C++ syscall table from syscalls/x86_64.tbl.

The table is the source of truth: every x86-64 syscall up to the newest kernel release, with the
numbers of the kernel's arch/x86/entry/syscalls/syscall_64.tbl, whatever the build host. It is checked
against include/trace/syscalls/arg_kind.hpp (argument kinds) and cross-checked against the host's
<asm/unistd_64.h>: a number that differs is an error; a syscall the header has and the table lacks (a
header newer than the table) is a warning naming it; a row the header lacks (older headers) is fine.
The [facts] section after the rows gives some syscalls fact words (makes an fd, closes one, reads
through which argument, sleeps with which timeout, execs, clones...); unknown words and facts that do
not fit the row are errors. The output is a header with one constexpr row per syscall, ordered by
number, and a static_assert(__NR_x == n) per row guarded by #ifdef __NR_x. It is rewritten only when
its content changes, so an unchanged table does not trigger a rebuild.

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

# The line that starts the facts section; rows come before it, facts after.
FACTS_SECTION = "[facts]"

# Fact word -> (the values it takes after ':', whether a value is required, whether it takes [arg]:
# "required", "optional" or "none"). The words are the Fact enumerators of
# include/trace/syscalls/facts.hpp; the values of new_fd/new_fds, reads/writes and timeout are those of
# NewFdKind, IoVia and TimeoutKind.
FD_KINDS = ("file", "socket", "pipe", "eventfd", "epoll", "timerfd", "signalfd", "inotify", "pidfd",
            "fanotify", "perf_event", "memfd")
IO_VIAS = ("count", "iovecs", "mmsgs")
TIMEOUT_KINDS = ("ms", "timespec", "clock", "futex")
FACTS = {
    "new_fd": (FD_KINDS, True, "none"),
    "new_fds": (FD_KINDS, True, "required"),
    "accepts": ((), False, "required"),
    "dups_fd": ((), False, "required"),
    "replaces_fd": ((), False, "required"),
    "closes_fd": ((), False, "required"),
    "closes_range": ((), False, "none"),
    "fcntl": ((), False, "none"),
    "socket_setup": ((), False, "required"),
    "execs": ((), False, "none"),
    "clones": (("clone_args",), False, "optional"),
    "unshares": ((), False, "required"),
    "reads": (IO_VIAS, True, "required"),
    "writes": (IO_VIAS, True, "required"),
    "polls": ((), False, "none"),
    "events": ((), False, "required"),
    "sleeps": ((), False, "none"),
    "timeout": (TIMEOUT_KINDS, True, "required"),
}
FACT_ORDER = list(FACTS)  # the order of enum class Fact

FACT = re.compile(
    r"(?P<word>[a-z_]+)"
    r"(?::(?P<value>[a-z_]+))?"
    r"(?:\[(?P<arg>[A-Za-z_][A-Za-z0-9_]*)\])?\Z"
)

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
    # fact word -> (value or None, argument name or None)
    facts: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)


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
    lines = list(enumerate(path.read_text().splitlines(), 1))
    for index, (lineno, line) in enumerate(lines):
        where = f"{path.name}:{lineno}"
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if fields == [FACTS_SECTION]:
            parse_facts(path, lines[index + 1 :], rows, errors)
            break
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


def parse_fact(row: Row, text: str, where: str, errors: Errors) -> None:
    match = FACT.match(text)
    if not match:
        errors.add(where, f"malformed fact '{text}' (expected word[:value][[argument]])")
        return
    word, value, arg = match.group("word"), match.group("value"), match.group("arg")
    if word not in FACTS:
        errors.add(where, f"unknown fact '{word}'")
        return
    values, value_required, arg_rule = FACTS[word]
    if word in row.facts:
        errors.add(where, f"fact '{word}' given twice")
        return
    if value is None and value_required:
        errors.add(where, f"fact '{word}' needs a value: {word}:{'|'.join(values)}")
    elif value is not None and value not in values:
        allowed = f"one of {', '.join(values)}" if values else "none"
        errors.add(where, f"fact '{word}': unknown value '{value}' (expected {allowed})")
    if arg is None and arg_rule == "required":
        errors.add(where, f"fact '{word}' needs an argument: {word}[name]")
    elif arg is not None and arg_rule == "none":
        errors.add(where, f"fact '{word}' takes no argument")
    elif arg is not None and all(a.name != arg for a in row.args):
        errors.add(where, f"fact '{word}': '{arg}' is not an argument of {row.name}")
    row.facts[word] = (value, arg)


def check_facts(row: Row, where: str, errors: Errors) -> None:
    """Facts that contradict each other or the row."""
    facts = row.facts
    for word in ("new_fd", "dups_fd"):
        if word in facts and row.ret != "fd":
            errors.add(where, f"fact '{word}': {row.name} does not return an fd (ret is {row.ret})")
    for pair in (("new_fd", "new_fds"), ("new_fd", "dups_fd"), ("reads", "writes")):
        if pair[0] in facts and pair[1] in facts:
            errors.add(where, f"facts '{pair[0]}' and '{pair[1]}' exclude each other")
    if facts.get("new_fd", (None,))[0] == "file" and all(a.kind not in ("path", "str") for a in row.args):
        errors.add(where, "fact 'new_fd:file' needs a path or str argument to name the file")
    for word in ("accepts", "replaces_fd"):
        if word in facts and "new_fd" not in facts and "dups_fd" not in facts:
            errors.add(where, f"fact '{word}' needs new_fd or dups_fd")
    for word in ("sleeps", "events"):
        if word in facts and "timeout" not in facts:
            errors.add(where, f"fact '{word}' needs a timeout fact")
    if facts.get("timeout", (None,))[0] == "clock" and all(a.name != "flags" for a in row.args):
        errors.add(where, "fact 'timeout:clock' needs an argument named flags (TIMER_ABSTIME)")


def parse_facts(path: Path, lines: list[tuple[int, str]], rows: list[Row], errors: Errors) -> None:
    """The facts section: one line per syscall, its name, then its fact words."""
    by_name = {row.name: row for row in rows}
    seen: dict[str, str] = {}
    for lineno, line in lines:
        where = f"{path.name}:{lineno}"
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        name, words = fields[0], fields[1:]
        if name not in by_name:
            errors.add(where, f"facts for unknown syscall '{name}'")
            continue
        if name in seen:
            errors.add(where, f"facts for '{name}' given twice (first at {seen[name]})")
            continue
        seen[name] = where
        if not words:
            errors.add(where, f"no facts for '{name}'")
        for text in words:
            parse_fact(by_name[name], text, where, errors)
        check_facts(by_name[name], where, errors)


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


def cpp_facts(row: Row) -> str:
    if not row.facts:
        return "kNoFacts"
    bits = sum(1 << FACT_ORDER.index(word) for word in row.facts)
    index = {arg.name: i for i, arg in enumerate(row.args)}
    fact_args = ", ".join(
        str(index[row.facts[word][1]]) if word in row.facts and row.facts[word][1] else "-1"
        for word in FACT_ORDER
    )

    def value(*words: str) -> str:
        return next((row.facts[w][0] for w in words if w in row.facts), None) or "none"

    clone_args = "true" if value("clones") == "clone_args" else "false"
    return (
        f"{{{bits:#x}u, {{{{{fact_args}}}}}, NewFdKind::{value('new_fd', 'new_fds')}, "
        f"IoVia::{value('reads', 'writes')}, TimeoutKind::{value('timeout')}, {clone_args}}}"
    )


def cpp_row(row: Row) -> str:
    classes = " | ".join(CLASSES[cls] for cls in row.classes) or "0u"
    args = ", ".join([cpp_arg(row, arg) for arg in row.args] + ["kNoArg"] * (MAX_ARGS - len(row.args)))
    return (
        f'    {{{row.nr}, "{row.name}", RetKind::{row.ret}, {classes}, {len(row.args)}, {{{args}}}, '
        f"{cpp_facts(row)}}},"
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
        f"static_assert(kFactCount == {len(FACT_ORDER)}, \"gen_table.py knows {len(FACT_ORDER)} facts\");",
        "// The facts of a call the [facts] section does not name.",
        "inline constexpr SyscallFacts kNoFacts{0u, {"
        + ", ".join(["-1"] * len(FACT_ORDER))
        + "}, NewFdKind::none, IoVia::none, TimeoutKind::none, false};",
        "// The bit of each fact word, as FACTS in gen_table.py orders them.",
    ]
    lines += [f"static_assert(static_cast<int>(Fact::{word}) == {i});" for i, word in enumerate(FACT_ORDER)]
    lines += [
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
