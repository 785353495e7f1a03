"""What the tracer was asked to do (from its options) and what it printed, as per-pid records."""

import glob
import os
import re
from dataclasses import dataclass

# strace's short options that take a value.
SHORT_WITH_VALUE = set("abeEIoOpPsSuUX")
LONG_WITH_VALUE = {"--output", "--attach", "--user", "--env", "--columns", "--string-limit", "--trace",
                   "--signal", "--status", "--trace-path", "--detach-on", "--interruptible"}


@dataclass
class TracerArgs:
    follow: int = 0  # 1 for -f, 2 for -ff
    output: str = None  # -o FILE
    column: int = 40  # -a
    attach: bool = False  # -p
    command: list = None  # the traced program and its arguments
    json: bool = False  # --json: one object a line, no pid prefixes


def scan_args(args):
    """Reads the strace-style options the harness needs to know about; stops at the program."""
    result = TracerArgs()
    i = 0

    def value_of(rest):
        nonlocal i
        if rest:
            return rest
        i += 1
        return args[i] if i < len(args) else ""

    while i < len(args):
        arg = args[i]
        if arg == "--":
            i += 1
            break
        if not arg.startswith("-") or arg == "-":
            break
        if arg.startswith("--"):
            name, _, value = arg.partition("=")
            if name in LONG_WITH_VALUE and "=" not in arg:
                value = value_of("")
            if name == "--follow-forks":
                result.follow = max(result.follow, 1)
            elif name == "--output-separately":
                result.follow = 2
            elif name == "--output":
                result.output = value
            elif name == "--columns":
                result.column = int(value)
            elif name == "--attach":
                result.attach = True
            elif name == "--json":
                result.json = True
        else:
            j = 1
            while j < len(arg):
                c = arg[j]
                if c in SHORT_WITH_VALUE:
                    value = value_of(arg[j + 1 :])
                    if c == "o":
                        result.output = value
                    elif c == "a":
                        result.column = int(value)
                    elif c == "p":
                        result.attach = True
                    break
                if c == "f":
                    result.follow += 1
                j += 1
        i += 1
    result.command = args[i:]
    return result


@dataclass
class Record:
    """One line of trace output."""

    index: int  # position in the whole output (across files for -ff)
    pid: int  # None when lines carry no pid
    text: str  # the line without its pid prefix
    offset: int  # column at which text starts in the line
    where: str  # file:line, for messages
    joined: str = None  # for an "<unfinished ...>" line: the call joined with its "resumed" line
    joined_end: int = None  # index of that resumed line


UNFINISHED = " <unfinished ...>"
RESUMED = re.compile(r"<\.\.\. ([A-Za-z0-9_]+) resumed>")
FILE_PREFIX = re.compile(r"^([0-9]+)( +)")
STDERR_PREFIX = re.compile(r"^\[pid +([0-9]+)\] ")


def parse_lines(lines, source, mode, pid=None, first_index=0):
    """Splits lines into records. mode: 'file' (-f into one file: "PID  text"), 'stderr' ("[pid N] "
    on some lines), or 'plain' (no prefixes; every record gets the given pid). Returns (records, errors)."""
    records = []
    errors = []
    for number, line in enumerate(lines, 1):
        where = f"{source}:{number}"
        index = first_index + len(records)
        if line.startswith(" > ") and records:
            # A stack frame (-k) has no pid prefix: it belongs to the line above it.
            records.append(Record(index, records[-1].pid, line, 0, where))
            continue
        if mode == "file":
            m = FILE_PREFIX.match(line)
            if not m:
                errors.append(f"{where}: no pid prefix: {line!r}")
                records.append(Record(index, None, line, 0, where))
                continue
            if len(m.group(2)) != max(1, 6 - len(m.group(1))):
                errors.append(f"{where}: bad pid prefix (the pid left-aligned in 5 columns, a space): {line!r}")
            records.append(Record(index, int(m.group(1)), line[m.end() :], m.end(), where))
        elif mode == "stderr":
            m = STDERR_PREFIX.match(line)
            if m and m.group(0) != f"[pid {int(m.group(1)):5d}] ":
                errors.append(f"{where}: bad [pid N] prefix (the pid right-aligned in 5 columns): {line!r}")
            if m:
                records.append(Record(index, int(m.group(1)), line[m.end() :], m.end(), where))
            else:
                records.append(Record(index, None, line, 0, where))
        else:
            records.append(Record(index, pid, line, 0, where))
    return records, errors


def adopt_resumed(record, last):
    """A "resumed" line printed once a single tracee is left has no "[pid N] " prefix (as strace's): it
    belongs to the one pid whose same call is unfinished."""
    m = RESUMED.match(record.text)
    unprefixed = last.get(None)
    if m is None or (unprefixed is not None and unprefixed.text.endswith(UNFINISHED)):
        return
    owners = [pid for pid, r in last.items()
              if pid is not None and r.text.endswith(UNFINISHED) and r.text.startswith(m.group(1) + "(")]
    if len(owners) == 1:
        record.pid = owners[0]


def join_resumed(records, column):
    """Gives each "<unfinished ...>" record whose next record of the same pid is its "resumed" part the
    text of the whole call, aligned as if printed in one piece, so an expectation can match either form."""
    last = {}
    for record in records:
        if record.pid is None:
            adopt_resumed(record, last)
        previous = last.get(record.pid)
        last[record.pid] = record
        if previous is None or not previous.text.endswith(UNFINISHED):
            continue
        m = RESUMED.search(record.text)
        if m is None:
            continue
        head = previous.text[: -len(UNFINISHED)]
        tail = record.text[m.end() :]
        base = record.offset + m.end()
        for sep in re.finditer(r"( +)=(?= |$)", tail):
            start = base + sep.start()
            equals = base + sep.end() - 1
            if equals != max(column, start + 1):
                continue
            body = head + tail[: sep.start()]
            pad = max(1, column - (previous.offset + len(body)))
            previous.joined = body + " " * pad + tail[sep.end() - 1 :]
            previous.joined_end = record.index
            break


def read_text(path):
    with open(path, encoding="utf-8", errors="backslashreplace") as f:
        return f.read()


def split_lines(text):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def collect(path, follow, column, stderr_lines=None):
    """All records of one run: from stderr_lines when given (no -o), else from path or, with -ff,
    from path.PID files. Returns (records, errors, files) where files maps pid to file name."""
    errors = []
    files = {}
    if stderr_lines is not None:
        records, errors = parse_lines(stderr_lines, "stderr", "stderr" if follow else "plain")
    elif follow >= 2:
        records = []
        for name in glob.glob(glob.escape(path) + ".*"):
            suffix = name[len(path) + 1 :]
            if suffix.isdigit():
                files[int(suffix)] = name
        for pid in sorted(files):
            lines = split_lines(read_text(files[pid]))
            more, errs = parse_lines(lines, os.path.basename(files[pid]), "plain", pid, len(records))
            records += more
            errors += errs
    elif os.path.exists(path):
        lines = split_lines(read_text(path))
        records, errors = parse_lines(lines, os.path.basename(path), "file" if follow else "plain")
    else:
        records = []
    join_resumed(records, column)
    return records, errors, files
