"""Matching expectations against trace records.

EXPECT lines match in order: untagged ones as a subsequence of the whole output, tagged ones as a
subsequence of the lines of one pid (the tag names that pid; different tags name different pids).
ANYWHERE lines match any line of their stream. EXPECT-ALL lines are the exact whole stream. A tag,
and each {pid=NAME}, is bound by the first match; the search backtracks over the choices that
created a binding, and takes the first match otherwise (which is optimal for a subsequence)."""

from dataclasses import dataclass, field

GLOBAL = "*"
BUDGET = 200000


@dataclass
class Failure:
    depth: int = -1
    expectation: object = None
    bindings: dict = None
    cursor: int = 0
    assigned: list = field(default_factory=list)


@dataclass
class Result:
    ok: bool
    bindings: dict
    assigned: list  # (expectation, record index or stream) for every matched expectation
    failure: Failure
    message: str = ""


class Search:
    def __init__(self, units, records, column):
        self.units = units  # [(kind, tag, patterns)], EXPECT-ALL groups are one unit
        self.records = records
        self.column = column
        self.failure = Failure()
        self.steps = 0
        self.pids = []
        for record in records:
            if record.pid not in self.pids:
                self.pids.append(record.pid)

    def _note_failure(self, depth, bindings, cursor, assigned):
        if depth > self.failure.depth:
            self.failure = Failure(depth, self.units[depth], dict(bindings), cursor, list(assigned))

    def _stream_ok(self, tag, pid, bindings):
        """Whether a record of this pid may belong to the stream of tag."""
        if tag is None:
            return True
        if tag in bindings:
            return bindings[tag] == pid
        return pid is None or pid not in bindings.values()

    def _bind_tag(self, tag, pid, bindings):
        if tag is None or tag in bindings:
            return bindings
        new = dict(bindings)
        new[tag] = pid
        return new

    def _match_record(self, pattern, record, bindings, joined):
        self.steps += 1
        text = record.joined if joined else record.text
        if text is None:
            return None
        return pattern.match(text, record.offset, self.column, bindings)

    def run(self, depth, bindings, cursors, assigned):
        if self.steps > BUDGET:
            return None
        if depth == len(self.units):
            return bindings, assigned
        kind, tag, patterns = self.units[depth]
        key = tag if tag else GLOBAL
        tag_key = tag
        start = cursors.get(key, 0)
        if kind == "EXPECT-ALL":
            return self._run_all(depth, tag_key, patterns, bindings, cursors, assigned)
        pattern = patterns[0]
        first = 0 if kind == "ANYWHERE" else start
        for record in self.records[first:]:
            if not self._stream_ok(tag_key, record.pid, bindings):
                continue
            for joined in (False, True):
                new = self._match_record(pattern, record, bindings, joined)
                if new is None:
                    continue
                new = self._bind_tag(tag_key, record.pid, new)
                end = record.joined_end if joined else record.index
                next_cursors = cursors
                if kind == "EXPECT":
                    next_cursors = dict(cursors)
                    next_cursors[key] = end + 1
                found = self.run(depth + 1, new, next_cursors, assigned + [(self.units[depth], record.index)])
                if found is not None or len(new) == len(bindings):
                    return found  # no new binding: a later candidate cannot do better
        self._note_failure(depth, bindings, start, assigned)
        return None

    def _run_all(self, depth, tag_key, patterns, bindings, cursors, assigned):
        candidates = [None] if tag_key is None else self.pids
        for pid in candidates:
            if tag_key is not None and not self._stream_ok(tag_key, pid, bindings):
                continue
            stream = [r for r in self.records if tag_key is None or r.pid == pid]
            if len(stream) != len(patterns):
                continue
            new = bindings
            for pattern, record in zip(patterns, stream):
                new = self._match_record(pattern, record, new, False)
                if new is None:
                    break
            if new is None:
                continue
            new = self._bind_tag(tag_key, pid, new)
            found = self.run(depth + 1, new, cursors, assigned + [(self.units[depth], pid)])
            if found is not None:
                return found
        self._note_failure(depth, bindings, 0, assigned)
        return None


def make_units(expectations):
    """Groups (kind, tag, Pattern) expectations into search units, keeping file order."""
    units = []
    groups = {}
    for kind, tag, pattern in expectations:
        if kind == "EXPECT-ALL":
            if tag in groups:
                groups[tag][2].append(pattern)
                continue
            groups[tag] = (kind, tag, [pattern])
            units.append(groups[tag])
        else:
            units.append((kind, tag, [pattern]))
    return units


def match_trace(expectations, nots, records, column, bindings):
    """expectations: [(kind, tag, Pattern)] for EXPECT, EXPECT-ALL and ANYWHERE; nots: [(tag, Pattern)]."""
    units = make_units(expectations)
    search = Search(units, records, column)
    found = search.run(0, dict(bindings), {}, [])
    if found is None:
        message = "search budget exhausted" if search.steps > BUDGET else ""
        return Result(False, bindings, [], search.failure, message)
    final, assigned = found
    for tag, pattern in nots:
        if tag is not None and tag not in final:
            return Result(False, final, assigned, None, f"{pattern.where}: NOT[{tag}]: the tag is never bound")
        for record in records:
            if tag is not None and record.pid != final[tag]:
                continue
            for text in (record.text, record.joined):
                if text is not None and pattern.match(text, record.offset, column, final) is not None:
                    return Result(False, final, assigned, None,
                                  f"{pattern.where}: NOT: {pattern.source}\n  matched {record.where}: {text}")
    return Result(True, final, assigned, None)


def match_lines(patterns, lines, bindings, exact=False):
    """Ordered subsequence (or, exact, the whole list) of plain lines. Returns (bindings, error)."""
    if exact:
        if len(patterns) != len(lines):
            return None, f"expected {len(patterns)} lines, got {len(lines)}"
        for pattern, line in zip(patterns, lines):
            new = pattern.match(line, 0, 0, bindings)
            if new is None:
                return None, f"{pattern.where}: {pattern.source}\n  does not match: {line}"
            bindings = new
        return bindings, None
    position = 0
    for pattern in patterns:
        for i in range(position, len(lines)):
            new = pattern.match(lines[i], 0, 0, bindings)
            if new is not None:
                bindings = new
                position = i + 1
                break
        else:
            return None, f"{pattern.where}: {pattern.source}\n  not found (after line {position})"
    return bindings, None
