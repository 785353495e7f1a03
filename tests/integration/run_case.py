#!/usr/bin/env python3
"""Runs declarative integration cases (tests/integration/cases/*.case) against a tracer with strace's
command line. Exit status: 0 all passed, 1 a case failed, 2 a case file is malformed, 77 all skipped.
See README.md for the case format."""

import argparse
import ctypes
import difflib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from casefile import CaseError, compile_pattern, parse_case, substitute  # noqa: E402
from matching import match_lines, match_trace  # noqa: E402
from output import collect, read_text, scan_args, split_lines  # noqa: E402

SKIP = 77
STEP_TIMEOUT = 10.0
MAX_SHOWN = 300


class Skip(Exception):
    pass


class Failed(Exception):
    pass


def signal_number(name):
    name = name.strip()
    if name.isdigit():
        return int(name)
    if not name.startswith("SIG"):
        name = "SIG" + name
    return int(getattr(signal, name))


def describe_status(status):
    if os.WIFEXITED(status):
        return f"exited with {os.WEXITSTATUS(status)}"
    if os.WIFSIGNALED(status):
        sig = signal.Signals(os.WTERMSIG(status)).name
        return f"killed by {sig}" + (" (core dumped)" if os.WCOREDUMP(status) else "")
    return f"status {status:#x}"


def set_death_signal():
    """In the child before exec: die with the harness, so nothing outlives a killed test."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def group_members(pgid):
    """(pid, state, command) of the live processes in a process group."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        command = stat[stat.find("(") + 1 : stat.rfind(")")]
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 2 and int(fields[2]) == pgid and fields[0] != "Z":
            members.append((int(entry), fields[0], command))
    return members


def process_state(pid):
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as f:
            stat = f.read()
        return stat[stat.rfind(")") + 2 :].split()[0]
    except OSError:
        return None


class LineReader:
    """Collects the lines of a pipe in a thread."""

    def __init__(self, stream):
        self.lines = []
        self.partial = b""
        self.stream = stream
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        for raw in iter(self.stream.readline, b""):
            if raw.endswith(b"\n"):
                self.lines.append(raw[:-1].decode("utf-8", "backslashreplace"))
            else:
                self.partial = raw
        if self.partial:
            self.lines.append(self.partial.decode("utf-8", "backslashreplace"))

    def finish(self, timeout=5.0):
        self.thread.join(timeout)
        return self.lines


class Runner:
    def __init__(self, case, tracer, progs):
        self.case = case
        self.tracer = tracer
        self.progs = progs
        self.report = []
        self.problems = []
        self.bindings = {}
        self.tmp = None
        self.proc = None
        self.status = None
        self.tracee = None
        self.tracee_out = None
        self.last_switches = None
        self.stderr = None
        self.stdout = None
        self.output_path = None
        self.args = None
        self.marks = {}

    # ---- setup -----------------------------------------------------------------------------------

    def check_requirements(self):
        for line in self.case.lines("REQUIRES"):
            for need in line.text.split():
                if need == "root" and os.geteuid() != 0:
                    raise Skip("needs root")
                if need == "nonroot" and os.geteuid() == 0:
                    raise Skip("needs an ordinary user")
                if need == "core-file":
                    pattern = read_text("/proc/sys/kernel/core_pattern").strip()
                    if pattern.startswith("|") or "/" in pattern:
                        raise Skip(f"core files are not written to the current directory ({pattern})")
                if need == "trace" and os.path.basename(self.tracer) == "strace":
                    raise Skip("trace's own option: strace cannot validate this case")
                if need.startswith("library:"):
                    # a library the traced program loads when it is installed (ps dlopens libnuma)
                    try:
                        ctypes.CDLL(need.split(":", 1)[1])
                    except OSError:
                        raise Skip(f"{need.split(':', 1)[1]} is not installed") from None
                    continue
                if need not in ("root", "nonroot", "core-file", "trace"):
                    raise CaseError(f"{line.where}: unknown requirement {need}")

    def dead_pid(self):
        child = subprocess.Popen(["true"])
        child.wait()
        return child.pid

    def environment(self):
        env = {"PATH": self.progs + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"}
        for name, value in os.environ.items():
            if name in ("HOME", "TMPDIR") or name.split("_")[0] in ("ASAN", "UBSAN", "LSAN", "MSAN"):
                env[name] = value
        return env

    def start_tracee(self, env):
        line = self.case.single["TRACEE"]
        argv = shlex.split(substitute(line.text, self.vars, line.where))
        self.tracee = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=self.tmp, env=env,
                                       start_new_session=True, preexec_fn=set_death_signal)
        first = self.tracee.stdout.readline().decode().strip()
        if not first.isdigit():
            raise Failed(f"{line.where}: the tracee did not print its pid first (got {first!r})")
        self.vars["tracee"] = int(first)
        self.tracee_out = LineReader(self.tracee.stdout)
        self.wait_until(f"{line.where}: the tracee to block", lambda: process_state(self.tracee.pid) == "S")
        self.last_switches = self.tracee_switches()

    # ---- running ---------------------------------------------------------------------------------

    def tracer_exited(self):
        if self.proc is None:
            return False
        if self.status is None:
            pid, status = os.waitpid(self.proc.pid, os.WNOHANG)
            if pid != 0:
                self.status = status
                self.proc.returncode = -1  # reaped here; keeps Popen from waiting again
        return self.status is not None

    def wait_until(self, what, condition, timeout=STEP_TIMEOUT):
        deadline = time.monotonic() + timeout
        while not condition():
            if self.tracer_exited() and not condition():
                raise Failed(f"{what}: the tracer exited ({describe_status(self.status)}) first")
            if time.monotonic() > deadline:
                raise Failed(f"{what}: timed out after {timeout:g} s")
            time.sleep(0.01)

    def first_match(self, pattern, lines):
        for line in lines:
            new = pattern.match(line, 0, self.args.column, self.bindings)
            if new is not None:
                self.bindings = new
                return True
        return False

    def tracee_switches(self):
        try:
            for line in split_lines(read_text(f"/proc/{self.tracee.pid}/status")):
                if line.startswith("voluntary_ctxt_switches:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return None

    def tracee_in_syscall(self, number):
        """The tracee has slept again (since the last such step) and now sleeps in that syscall: a
        tracer has handled the syscall's entry and resumed it."""
        switches = self.tracee_switches()
        if switches == self.last_switches or process_state(self.tracee.pid) != "S":
            return False
        try:
            if read_text(f"/proc/{self.tracee.pid}/syscall").split()[0] != str(number):
                return False
        except (OSError, IndexError):
            return False
        if self.tracee_switches() != switches:
            return False  # woke up meanwhile
        self.last_switches = switches
        return True

    def run_step(self, line):
        verb, _, arg = line.text.partition(" ")
        what = f"{line.where}: STEP: {line.text}"
        if verb == "wait-stderr":
            pattern = compile_pattern(arg, line.where, self.vars)
            self.wait_until(what, lambda: self.first_match(pattern, list(self.stderr.lines)))
        elif verb == "wait-output":
            pattern = compile_pattern(arg, line.where, self.vars)

            def seen():
                if not os.path.exists(self.output_path):
                    return False
                lines = split_lines(read_text(self.output_path))
                return self.first_match(pattern, lines + [ln.split(" ", 1)[-1].lstrip() for ln in lines])

            self.wait_until(what, seen)
        elif verb == "wait-tracee-syscall":
            if self.tracee is None:
                raise CaseError(f"{line.where}: wait-tracee-syscall needs a TRACEE")
            self.wait_until(what, lambda: self.tracee_in_syscall(int(arg)))
        elif verb == "input":
            if self.tracee is None:
                raise CaseError(f"{line.where}: input needs a TRACEE")
            count = self.tracee_out.lines.count(arg)
            self.tracee.stdin.write(arg.encode() + b"\n")
            self.tracee.stdin.flush()
            self.wait_until(what, lambda: self.tracee_out.lines.count(arg) > count)
        elif verb == "close-input":
            self.tracee.stdin.close()
        elif verb == "signal":
            os.kill(self.proc.pid, signal_number(arg))
        elif verb == "sleep":
            time.sleep(float(arg))
        else:
            raise CaseError(f"{line.where}: unknown step {verb}")

    def run_tracer(self):
        env = self.environment()
        timeout = float(self.case.get("TIMEOUT", "30"))
        for line in self.case.lines("SETUP-FILE"):
            path, _, content = substitute(line.text, self.vars, line.where).partition(" ")
            with open(path, "w", encoding="utf-8") as f:
                f.write(content + "\n")
        if "TRACEE" in self.case.single:
            self.start_tracee(env)
        run = self.case.single["RUN"]
        args = shlex.split(substitute(run.text, self.vars, run.where))
        self.args = scan_args(args)
        mode = self.case.get("OUTPUT", "file")
        self.output_path = None
        if mode == "file":
            self.output_path = os.path.join(self.tmp, "trace.out")
            args = ["-o", self.output_path] + args
        elif mode != "stderr":
            self.output_path = substitute(mode, self.vars, self.case.single["OUTPUT"].where)
        self.report.append("command: " + shlex.join([self.vars["tracer"]] + args))
        # argv[0] is the bare name: strace prefixes its messages with argv[0].
        self.proc = subprocess.Popen([self.vars["tracer"]] + args, executable=self.tracer, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=self.tmp, env=env, start_new_session=True,
                                     preexec_fn=set_death_signal)
        self.stdout = LineReader(self.proc.stdout)
        self.stderr = LineReader(self.proc.stderr)
        deadline = time.monotonic() + timeout
        try:
            for line in self.case.lines("STEP"):
                self.run_step(line)
            while not self.tracer_exited():
                if time.monotonic() > deadline:
                    self.problems.append(f"the tracer did not exit within {timeout:g} s (TIMEOUT)")
                    break
                time.sleep(0.01)
        except Failed as e:
            self.problems.append(str(e))
        finally:
            self.clean_up_group()

    def clean_up_group(self):
        """Kills whatever is left of the tracer's process group; a tracer that is done must leave nothing."""
        pgid = self.proc.pid
        if not self.tracer_exited():
            os.killpg(pgid, signal.SIGKILL)
            while not self.tracer_exited():
                time.sleep(0.01)
            self.status = None
        deadline = time.monotonic() + 1.0
        members = group_members(pgid)
        while members and time.monotonic() < deadline:
            time.sleep(0.02)
            members = group_members(pgid)
        if members:
            listing = ", ".join(f"{pid} ({command}, state {state})" for pid, state, command in members)
            self.problems.append(f"processes left behind after the tracer exited: {listing}")
            try:
                os.killpg(pgid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def finish_tracee(self):
        if self.tracee is None:
            return
        line = self.case.single["TRACEE"]
        state = process_state(self.tracee.pid)
        if state in ("T", "t"):
            self.problems.append(f"{line.where}: the tracee is still stopped (state {state}) after the tracer")
        try:
            if not self.tracee.stdin.closed:
                self.tracee.stdin.close()
            self.tracee.wait(STEP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.problems.append(f"{line.where}: the tracee did not exit after its input was closed")
            self.tracee.kill()
            self.tracee.wait()
        expected = self.case.get("TRACEE-EXIT", "0")
        if self.tracee.returncode != int(expected):
            self.problems.append(f"the tracee exited with {self.tracee.returncode}, expected {expected}")
        self.report.append("tracee stdout: " + " | ".join(self.tracee_out.finish()))

    # ---- checking --------------------------------------------------------------------------------

    def check_exit(self):
        if self.status is None:
            return
        expected = self.case.get("EXIT", "0").strip()
        status = self.status
        if expected == "nonzero":
            ok = os.WIFEXITED(status) and os.WEXITSTATUS(status) != 0
        elif expected.isdigit():
            ok = os.WIFEXITED(status) and os.WEXITSTATUS(status) == int(expected)
        else:
            ok = (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal_number(expected)
                  and not os.WCOREDUMP(status))
        if not ok:
            self.problems.append(f"the tracer {describe_status(status)}, expected EXIT: {expected}")

    def compile(self, line):
        return compile_pattern(line.text, line.where, self.vars)

    def check_output(self):
        stderr_lines = self.stderr.finish()
        stdout_lines = self.stdout.finish()
        trace_from_stderr = self.output_path is None
        follow = 0 if self.args.json and self.args.follow < 2 else self.args.follow
        records, errors, files = collect(self.output_path, follow, self.args.column,
                                         stderr_lines if trace_from_stderr else None)
        self.records = records
        self.problems += errors
        expectations = []
        nots = []
        stderr_checks = {"STDERR": [], "STDERR-ALL": [], "STDERR-NOT": [], "STDERR-FIRST": []}
        stdout_checks = []
        for line in self.case.patterns:
            if line.kind in ("EXPECT", "EXPECT-ALL", "ANYWHERE"):
                expectations.append((line.kind, line.tag, self.compile(line)))
            elif line.kind == "NOT":
                nots.append((line.tag, self.compile(line)))
            elif line.kind == "STDOUT":
                stdout_checks.append(self.compile(line))
            else:
                stderr_checks[line.kind].append(self.compile(line))
        result = match_trace(expectations, nots, records, self.args.column, self.bindings)
        if result.ok:
            self.bindings = result.bindings
        else:
            self.problems.append(self.explain(result) + self.unmatched(expectations, records))
        self.check_counts(records, files)
        self.check_plain("stderr", stderr_checks, stderr_lines)
        if stdout_checks:
            _, error = match_lines(stdout_checks, stdout_lines, self.bindings)
            if error:
                self.problems.append("STDOUT: " + error)
        self.stderr_lines = stderr_lines
        self.stdout_lines = stdout_lines

    def check_counts(self, records, files):
        streams = self.case.get("STREAMS")
        if streams is not None:
            pids = {r.pid for r in records}
            if len(pids) != int(streams):
                self.problems.append(f"STREAMS: {streams} expected, the output has {len(pids)} pids")
        count = self.case.get("FILES")
        if count is not None and len(files) != int(count):
            self.problems.append(f"FILES: {count} expected, found {len(files)}: {sorted(files.values())}")

    def check_plain(self, name, checks, lines):
        bindings = self.bindings
        if checks["STDERR-FIRST"]:
            _, error = match_lines(checks["STDERR-FIRST"], lines[: len(checks["STDERR-FIRST"])], bindings, True)
            if error:
                self.problems.append(f"STDERR-FIRST: {error}")
        if checks["STDERR-ALL"]:
            _, error = match_lines(checks["STDERR-ALL"], lines, bindings, exact=True)
            if error:
                self.problems.append(f"STDERR-ALL: {error}")
        if checks["STDERR"]:
            new, error = match_lines(checks["STDERR"], lines, bindings)
            if error:
                self.problems.append(f"STDERR: {error}")
            else:
                bindings = new
        for pattern in checks["STDERR-NOT"]:
            for line in lines:
                if pattern.match(line, 0, 0, bindings) is not None:
                    self.problems.append(f"{pattern.where}: STDERR-NOT: {pattern.source}\n  matched: {line}")

    def explain(self, result):
        if result.failure is None:
            return result.message
        failure = result.failure
        kind, tag, patterns = failure.expectation
        label = f"{kind}[{tag}]" if tag else kind
        names = ", ".join(f"{k}={v}" for k, v in sorted(failure.bindings.items())) or "none"
        lines = [f"{patterns[0].where}: {label}: {patterns[0].source}"]
        if kind == "EXPECT-ALL":
            lines.append("  no stream matches all EXPECT-ALL lines exactly; the diff with the closest one:")
            lines += self.all_diff(patterns, tag, failure.bindings)
        else:
            for unit, position in failure.assigned:
                if isinstance(position, int) and unit[0] != "EXPECT-ALL":
                    self.marks[position] = unit[2][0].where.rsplit("/", 1)[-1]
            if kind == "ANYWHERE" or failure.cursor == 0:
                where = "anywhere" if kind == "ANYWHERE" else "from the start"
            else:
                where = f"after {self.records[failure.cursor - 1].where} (marked lines matched earlier lines)"
            stream = f"in the lines of pid {failure.bindings[tag]}" if tag in failure.bindings else "in the output"
            lines.append(f"  not found {stream} {where} (bindings: {names})")
            lines += self.closest(patterns[0], failure, tag)
        if result.message:
            lines.append("  " + result.message)
        return "\n".join(lines)

    def unmatched(self, expectations, records):
        """The expected lines that match no output line at all, whatever the order and pids."""
        missing = []
        texts = [(r, t) for r in records for t in (r.text, r.joined) if t is not None]
        for kind, tag, pattern in expectations:
            if not any(pattern.match(t, r.offset, self.args.column, {}) is not None for r, t in texts):
                label = f"{kind}[{tag}]" if tag else kind
                missing.append(f"    {pattern.where.rsplit('/', 1)[-1]}: {label}: {pattern.source}")
        if not missing:
            return ""
        return "\n  expected lines found nowhere in the output:\n" + "\n".join(missing)

    def closest(self, pattern, failure, tag):
        start = 0 if failure.expectation[0] == "ANYWHERE" else failure.cursor
        candidates = []
        for record in self.records[start:]:
            if tag in failure.bindings and record.pid != failure.bindings[tag]:
                continue
            for text in (record.text, record.joined):
                if text is not None:
                    ratio = difflib.SequenceMatcher(None, pattern.source, text).ratio()
                    candidates.append((ratio, record, text))
        candidates.sort(key=lambda c: -c[0])
        shown = []
        for ratio, record, text in candidates[:3]:
            pid = f" [pid {record.pid}]" if record.pid is not None else ""
            shown.append(f"  closest{pid} {record.where}: {text}")
        return shown

    def all_diff(self, patterns, tag, bindings):
        pids = sorted({r.pid for r in self.records}, key=lambda p: (p is None, p))
        streams = [[r.text for r in self.records]] if tag is None else [
            [r.text for r in self.records if r.pid == pid] for pid in pids]
        expected = [p.source for p in patterns]
        best = max(streams, key=lambda s: difflib.SequenceMatcher(None, expected, s).ratio(), default=[])
        diff = difflib.unified_diff(expected, best, "expected", "actual", lineterm="", n=2)
        return ["  " + line for line in diff]

    # ---- whole case ------------------------------------------------------------------------------

    def run(self):
        self.check_requirements()
        self.tmp = tempfile.mkdtemp(prefix=f"integ-{self.case.name}-")
        self.vars = {"progs": self.progs, "tmp": self.tmp, "tracer": os.path.basename(self.tracer), "uid": os.getuid()}
        if self.case.uses("deadpid"):
            self.vars["deadpid"] = self.dead_pid()
        try:
            try:
                self.run_tracer()
            except Failed as e:
                self.problems.append(str(e))
                return False
            self.finish_tracee()
            if self.status is not None:
                self.report.append(f"the tracer {describe_status(self.status)}")
            self.check_exit()
            self.check_output()
        finally:
            if self.tracee is not None and self.tracee.poll() is None:
                self.tracee.kill()
                self.tracee.wait()
        return not self.problems

    def show(self, out):
        for line in self.report:
            print("  " + line, file=out)
        for problem in self.problems:
            print("  FAILED: " + problem.replace("\n", "\n  "), file=out)
        records = getattr(self, "records", [])
        if self.output_path is not None:
            print(f"  --- trace output ({len(records)} lines) ---", file=out)
            for record in records[:MAX_SHOWN]:
                pid = f"{record.pid:>7} | " if record.pid is not None else ""
                mark = f"    <= {self.marks[record.index]}" if record.index in self.marks else ""
                print(f"  {record.index + 1:4} {pid}{record.text}{mark}", file=out)
            if len(records) > MAX_SHOWN:
                print(f"  ... {len(records) - MAX_SHOWN} more", file=out)
        print(f"  --- stderr ({len(getattr(self, 'stderr_lines', []))} lines) ---", file=out)
        for line in getattr(self, "stderr_lines", [])[:MAX_SHOWN]:
            print("  " + line, file=out)

    def cleanup(self, keep):
        if self.tmp and not keep:
            shutil.rmtree(self.tmp, ignore_errors=True)
        elif self.tmp:
            print(f"  kept {self.tmp}")


def resolve_tracer(name):
    path = name if os.sep in name else shutil.which(name)
    if path is None or not os.access(path, os.X_OK):
        sys.exit(f"run_case.py: no tracer {name!r}")
    return os.path.abspath(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tracer", default="strace", help="the tracer to run (a path, or a name in $PATH)")
    parser.add_argument("--progs", required=True, help="the directory of the test programs")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directories")
    parser.add_argument("-v", "--verbose", action="store_true", help="show the output of passing cases too")
    parser.add_argument("cases", nargs="+")
    options = parser.parse_args()
    tracer = resolve_tracer(options.tracer)
    progs = os.path.abspath(options.progs)
    counts = {"pass": 0, "fail": 0, "skip": 0, "error": 0}
    for path in options.cases:
        runner = None
        try:
            runner = Runner(parse_case(path), tracer, progs)
            ok = runner.run()
            counts["pass" if ok else "fail"] += 1
            print(f"{'PASS' if ok else 'FAIL'}: {path}")
            if not ok or options.verbose:
                runner.show(sys.stdout)
        except Skip as e:
            counts["skip"] += 1
            print(f"SKIP: {path}: {e}")
        except CaseError as e:
            counts["error"] += 1
            print(f"ERROR: {e}")
        finally:
            if runner is not None:
                runner.cleanup(options.keep)
        sys.stdout.flush()
    if len(options.cases) > 1:
        print(", ".join(f"{v} {k}" for k, v in counts.items()))
    if counts["error"]:
        return 2
    if counts["fail"]:
        return 1
    return SKIP if counts["skip"] == len(options.cases) else 0


if __name__ == "__main__":
    sys.exit(main())
