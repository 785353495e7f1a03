"""Parsing of declarative case files and of their line patterns (see README.md for the format)."""

import re
from dataclasses import dataclass, field

# Directives that take a pattern and may carry a [tag].
TAGGED = {"EXPECT", "EXPECT-ALL", "ANYWHERE", "NOT"}
PATTERNED = TAGGED | {"STDERR", "STDERR-ALL", "STDERR-NOT", "STDERR-FIRST", "STDOUT"}
SINGLE = {"RUN", "OUTPUT", "EXIT", "TIMEOUT", "TRACEE", "TRACEE-EXIT", "STREAMS", "FILES"}
MULTI = {"REQUIRES", "STEP", "SETUP-FILE"}

DIRECTIVE = re.compile(r"^([A-Z][A-Z-]*)(?:\[([A-Za-z_]\w*)\])?:(?: (.*)|)$")

# Placeholders that stand for a pattern; the others ({progs}, {tmp}, ...) are plain substitutions.
SIMPLE_PLACEHOLDERS = {
    "n": r"-?[0-9]+",
    "pid": r"[0-9]+",
    "addr": r"0x[0-9a-f]+|NULL",
    "hex": r"0x[0-9a-f]+",
    "any": r".*",
}
VARIABLES = ("progs", "tmp", "tracer", "tracee", "deadpid", "uid")
BIND = re.compile(r"\{pid=([A-Za-z_]\w*)\}")


class CaseError(Exception):
    """A malformed case file: reported with its file and line."""


@dataclass
class Pattern:
    """One expected line. Matches a whole line (re.fullmatch) of output text."""

    source: str  # the text as written in the case file
    where: str  # file:line
    regex: re.Pattern
    pads: list  # names of the {pad} groups
    binds: dict  # group name -> binding name, for {pid=NAME}

    def match(self, text, column_offset, column, bindings):
        """Returns the bindings extended by this match, or None when the line does not match.

        column_offset is the column at which text starts in the output line (after a pid prefix);
        column is the alignment column of the return value (-a, default 40)."""
        m = self.regex.fullmatch(text)
        if m is None:
            return None
        for pad in self.pads:
            start = column_offset + m.start(pad)
            equals = column_offset + m.end(pad)
            if equals != max(column, start + 1):
                return None
        if not self.binds:
            return bindings
        new = dict(bindings)
        for group, name in self.binds.items():
            value = int(m.group(group))
            if name in new and new[name] != value:
                return None
            if name not in new and value in new.values():
                return None  # different names stand for different pids
            new[name] = value
        return new

    def new_names(self, bindings):
        return [name for name in self.binds.values() if name not in bindings]


def _scan_regex_placeholder(text, start):
    """text[start:] begins with '{re:'; returns the index after the matching '}'."""
    depth = 0
    i = start
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise CaseError("unterminated {re:...}")


def compile_pattern(text, where, variables):
    """Turns a case-file line into a Pattern. Unknown {words} are literal text (strace prints braces)."""
    parts = []
    pads = []
    binds = {}
    i = 0
    while i < len(text):
        if text[i] != "{":
            j = text.find("{", i)
            j = len(text) if j < 0 else j
            parts.append(re.escape(text[i:j]))
            i = j
            continue
        rest = text[i:]
        if rest.startswith("{re:"):
            end = _scan_regex_placeholder(text, i)
            parts.append("(?:" + text[i + 4 : end - 1] + ")")
            i = end
            continue
        if rest.startswith("{pad}"):
            name = f"pad{len(pads)}"
            pads.append(name)
            parts.append(f"(?P<{name}> +)(?==)")
            i += len("{pad}")
            continue
        m = BIND.match(rest)
        if m:
            group = f"bind{len(binds)}"
            binds[group] = m.group(1)
            parts.append(f"(?P<{group}>[0-9]+)")
            i += m.end()
            continue
        closing = rest.find("}")
        word = rest[1:closing] if closing > 0 else ""
        if word in SIMPLE_PLACEHOLDERS:
            parts.append("(?:" + SIMPLE_PLACEHOLDERS[word] + ")")
        elif word in VARIABLES:
            if variables.get(word) is None:
                raise CaseError(f"{where}: {{{word}}} has no value in this case")
            parts.append(re.escape(str(variables[word])))
        else:
            parts.append(re.escape("{"))
            i += 1
            continue
        i += closing + 1
    try:
        regex = re.compile("".join(parts), re.DOTALL)
    except re.error as e:
        raise CaseError(f"{where}: bad pattern: {e}") from None
    return Pattern(text, where, regex, pads, binds)


def substitute(text, variables, where):
    """Replaces {progs}, {tmp}, ... in a command line or path. Other braces stay."""

    def repl(m):
        word = m.group(1)
        if variables.get(word) is None:
            raise CaseError(f"{where}: {{{word}}} has no value in this case")
        return str(variables[word])

    return re.sub(r"\{(" + "|".join(VARIABLES) + r")\}", repl, text)


@dataclass
class Line:
    """One directive line of a case file, pattern not yet compiled."""

    kind: str
    tag: str
    text: str
    where: str


@dataclass
class Case:
    path: str
    name: str
    single: dict = field(default_factory=dict)  # kind -> Line
    multi: dict = field(default_factory=dict)  # kind -> [Line]
    patterns: list = field(default_factory=list)  # [Line] in file order

    def get(self, kind, default=None):
        line = self.single.get(kind)
        return line.text if line is not None else default

    def lines(self, kind):
        return self.multi.get(kind, [])

    def uses(self, word):
        everything = list(self.single.values()) + self.patterns
        everything += [line for lines in self.multi.values() for line in lines]
        return any("{" + word + "}" in line.text for line in everything)


def parse_case(path):
    name = path.rsplit("/", 1)[-1]
    name = name[: -len(".case")] if name.endswith(".case") else name
    case = Case(path, name)
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            where = f"{path}:{number}"
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            m = DIRECTIVE.match(line)
            if not m:
                raise CaseError(f"{where}: not a directive: {line!r}")
            kind, tag, text = m.group(1), m.group(2), m.group(3) or ""
            if tag is not None and kind not in TAGGED:
                raise CaseError(f"{where}: {kind} takes no [tag]")
            entry = Line(kind, tag, text, where)
            if kind in PATTERNED:
                case.patterns.append(entry)
            elif kind in SINGLE:
                if kind in case.single:
                    raise CaseError(f"{where}: {kind} given twice")
                case.single[kind] = entry
            elif kind in MULTI:
                case.multi.setdefault(kind, []).append(entry)
            else:
                raise CaseError(f"{where}: unknown directive {kind}")
    if "RUN" not in case.single:
        raise CaseError(f"{path}: no RUN line")
    return case
