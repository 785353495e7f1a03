#!/usr/bin/env python3
"""Reliability scenarios that the case format cannot express: trace must never harm a tracee, never
hang, and never lose output. Each scenario starts processes, signals them, and checks what happened.

  scenarios.py NAME --trace PATH --progs DIR     run one scenario (exit 0 passed, 1 failed, 77 skipped)
  scenarios.py --list                            the scenario names

The programs are tests/progs/rel_*.c: each prints its pid first, checks the results of its own
syscalls while it works, and ends with "MODE ok" and exit status 7 when its stdin is closed.
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

SKIP = 77
TIMEOUT = 10.0
SCENARIOS = {}


class Failed(Exception):
    pass


def scenario(fn):
    SCENARIOS[fn.__name__] = fn
    return fn


def proc_state(pid):
    """The state letter of a process (R, S, D, T, t, Z...), or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as f:
            stat = f.read()
        return stat[stat.rfind(")") + 2 :].split()[0]
    except (OSError, IndexError):
        return None


def describe(status):
    if os.WIFEXITED(status):
        return f"exited with {os.WEXITSTATUS(status)}"
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"status {status:#x}"


def die_with_parent():
    import ctypes

    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def new_job():
    os.setpgid(0, 0)
    die_with_parent()


class Lines:
    """The lines of a pipe, collected by a thread."""

    def __init__(self, stream):
        self.lines = []
        self.thread = threading.Thread(target=self._run, args=(stream,), daemon=True)
        self.thread.start()

    def _run(self, stream):
        for raw in iter(stream.readline, b""):
            self.lines.append(raw.decode("utf-8", "backslashreplace").rstrip("\n"))

    def finish(self):
        self.thread.join(TIMEOUT)
        return self.lines


class Process:
    """A started process with a stdin pipe and collected stdout and stderr."""

    def __init__(self, argv, env, cwd, job=False):
        self.argv = argv
        # Its own session; or, for job control (job), its own process group in our session, as a shell
        # starts a job: a process group without a parent outside it in its session is orphaned, and the
        # kernel ignores SIGTSTP there.
        setup = new_job if job else die_with_parent
        self.popen = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      env=env, cwd=cwd, start_new_session=not job, preexec_fn=setup)
        self.pid = self.popen.pid
        self.stdout = Lines(self.popen.stdout)
        self.stderr = Lines(self.popen.stderr)
        self.status = None

    def exited(self):
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid != 0:
                self.status = status
                self.popen.returncode = -1  # reaped here
        return self.status is not None

    def wait(self, what, timeout=TIMEOUT):
        wait_for(f"{what} to exit", self.exited, timeout)
        return self.status

    def close_stdin(self):
        if not self.popen.stdin.closed:
            self.popen.stdin.close()

    def kill(self):
        if not self.exited():
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.popen.kill()
            self.wait("the killed process")


def wait_for(what, condition, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise Failed(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.005)


class Context:
    def __init__(self, trace, progs, tmp):
        self.trace = trace
        self.progs = progs
        self.tmp = tmp
        self.out = os.path.join(tmp, "trace.out")
        self.env = {"PATH": progs + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"}
        for name, value in os.environ.items():
            if name.split("_")[0] in ("ASAN", "UBSAN", "LSAN"):
                self.env[name] = value
        self.started = []

    def start(self, argv, job=False):
        p = Process(argv, self.env, self.tmp, job)
        self.started.append(p)
        return p

    def tracee(self, *args):
        """A program started by the harness (for -p): its first stdout line is its pid."""
        p = self.start(list(args))
        wait_for(f"{args[0]} to print its pid", lambda: len(p.stdout.lines) >= 1)
        return p

    def trace_cmd(self, *args, job=False):
        return self.start([self.trace, "-o", self.out] + list(args), job)

    def output(self):
        try:
            with open(self.out, encoding="utf-8", errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def output_lines(self):
        return self.output().splitlines()

    def wait_output(self, what, condition):
        wait_for(what, lambda: condition(self.output_lines()))

    def cleanup(self):
        for p in self.started:
            p.close_stdin()
            p.kill()


# ---- checks ----------------------------------------------------------------------------------------


def expect_status(p, what, expected, timeout=TIMEOUT):
    status = p.wait(what, timeout)
    if describe(status) != expected:
        raise Failed(f"{what} {describe(status)}, expected: {expected}\n  stderr: {p.stderr.finish()}")


def expect_not_stopped(pid, what, duration=0.2):
    """The process stays out of any stop (T or t) for a while."""
    deadline = time.monotonic() + duration
    while time.monotonic() < deadline:
        state = proc_state(pid)
        if state in ("T", "t"):
            raise Failed(f"{what} is left stopped (state {state})")
        time.sleep(0.01)


def expect_finishes(p, mode, what="the tracee"):
    """Closing stdin ends the program normally: its own checks passed, exit status 7."""
    p.close_stdin()
    status = p.wait(what)
    lines = p.stdout.finish()
    if describe(status) != "exited with 7" or lines[1:] != [f"{mode} ok"]:
        raise Failed(f"{what} {describe(status)} with output {lines[1:]}, expected [{mode!r} ok] and exit 7")


def expect_complete_output(ctx):
    text = ctx.output()
    if text and not text.endswith("\n"):
        raise Failed(f"the trace output ends in a partial line: {text.splitlines()[-1]!r}")


def attached(trace, pid):
    return lambda: any(f"Process {pid} attached" in line for line in trace.stderr.lines)


# ---- never harm a tracee: -p, then a signal to trace ----------------------------------------------


def detach_scenario(ctx, mode_args, sig, busy):
    tracee = ctx.tracee("rel_worker", *mode_args)
    pid = int(tracee.stdout.lines[0])
    if not busy:
        wait_for("the tracee to block", lambda: proc_state(pid) == "S")
    trace = ctx.trace_cmd("-p", str(pid))
    wait_for("trace to attach", attached(trace, pid))
    if busy:  # mid-burst: many calls traced already, more on their way
        ctx.wait_output("200 traced calls", lambda lines: len(lines) >= 200)
    os.kill(trace.pid, sig)
    expect_status(trace, "trace", f"killed by {signal.Signals(sig).name}")
    if not any(f"Process {pid} detached" in line for line in trace.stderr.finish()):
        raise Failed(f"no 'Process {pid} detached' message: {trace.stderr.lines}")
    expect_complete_output(ctx)
    expect_not_stopped(pid, "the tracee")
    expect_finishes(tracee, mode_args[0])


@scenario
def detach_blocked(ctx):
    """SIGINT while the tracee sleeps in read(): detached, it reads on and ends normally."""
    detach_scenario(ctx, ["blocked"], signal.SIGINT, busy=False)


@scenario
def detach_burst(ctx):
    """SIGHUP in the middle of a burst of syscalls: no call's result changes, the process ends normally."""
    detach_scenario(ctx, ["burst"], signal.SIGHUP, busy=True)


@scenario
def detach_threads(ctx):
    """SIGTERM while 16 threads make syscalls: every thread is detached, nothing changes."""
    detach_scenario(ctx, ["threads", "16"], signal.SIGTERM, busy=True)


def wait_state(pid, states, what):
    wait_for(f"{what} (state {'/'.join(states)}, now {proc_state(pid)})", lambda: proc_state(pid) in states)


@scenario
def detach_stopped(ctx):
    """A process stopped by SIGSTOP before the attach stays stopped after the detach, as if never
    traced; SIGCONT then lets it run on to its normal end."""
    tracee = ctx.tracee("rel_worker", "blocked")
    pid = int(tracee.stdout.lines[0])
    os.kill(pid, signal.SIGSTOP)
    wait_state(pid, ("T",), "the tracee to stop")
    trace = ctx.trace_cmd("-p", str(pid))
    wait_for("trace to attach", attached(trace, pid))
    ctx.wait_output("the group-stop", lambda lines: any("stopped by SIGSTOP" in line for line in lines))
    os.kill(trace.pid, signal.SIGINT)
    expect_status(trace, "trace", "killed by SIGINT")
    wait_state(pid, ("T",), "the tracee to stay in its group-stop")
    os.kill(pid, signal.SIGCONT)
    wait_state(pid, ("S",), "the tracee to continue")
    expect_finishes(tracee, "blocked")


@scenario
def detach_stopped_while_traced(ctx):
    """SIGSTOP to a traced process, then SIGINT to trace: it stays stopped until SIGCONT, then ends
    normally."""
    tracee = ctx.tracee("rel_worker", "burst")
    pid = int(tracee.stdout.lines[0])
    trace = ctx.trace_cmd("-p", str(pid))
    wait_for("trace to attach", attached(trace, pid))
    ctx.wait_output("100 traced calls", lambda lines: len(lines) >= 100)
    os.kill(pid, signal.SIGSTOP)
    ctx.wait_output("the group-stop", lambda lines: any("stopped by SIGSTOP" in line for line in lines))
    os.kill(trace.pid, signal.SIGINT)
    expect_status(trace, "trace", "killed by SIGINT")
    wait_state(pid, ("T",), "the tracee to stay in its group-stop")
    os.kill(pid, signal.SIGCONT)
    wait_for("the tracee to continue", lambda: proc_state(pid) not in ("T", "t"))
    expect_finishes(tracee, "burst")


# ---- job control ---------------------------------------------------------------------------------


def spawned(ctx, *args, job=False):
    """trace starting a program; the program's pid is the first line of trace's stdout."""
    trace = ctx.trace_cmd(*args, job=job)
    wait_for("the command to print its pid", lambda: len(trace.stdout.lines) >= 1)
    return trace, int(trace.stdout.lines[0])


@scenario
def jobctl_tstp(ctx):
    """SIGTSTP stops a traced command (a group-stop held with PTRACE_LISTEN) until SIGCONT; it then
    ends normally, and trace exits with its status."""
    trace, pid = spawned(ctx, "rel_worker", "blocked", job=True)
    wait_state(pid, ("S",), "the command to block")
    os.kill(pid, signal.SIGTSTP)
    ctx.wait_output("the group-stop", lambda lines: "--- stopped by SIGTSTP ---" in lines)
    wait_state(pid, ("T", "t"), "the command to stop")
    time.sleep(0.1)
    if proc_state(pid) not in ("T", "t"):
        raise Failed(f"the command ran on before SIGCONT (state {proc_state(pid)})")
    os.kill(pid, signal.SIGCONT)
    wait_state(pid, ("S",), "the command to continue")
    trace.close_stdin()
    expect_status(trace, "trace", "exited with 7")
    if trace.stdout.finish()[1:] != ["blocked ok"]:
        raise Failed(f"the command printed {trace.stdout.lines}")
    if not any(line.startswith("--- SIGCONT ") for line in ctx.output_lines()):
        raise Failed("no SIGCONT in the trace")


@scenario
def jobctl_shell(ctx):
    """As a shell's Ctrl-Z and fg: SIGTSTP, then SIGCONT, to the whole job (trace and the command)."""
    trace, pid = spawned(ctx, "rel_worker", "burst", job=True)
    ctx.wait_output("100 traced calls", lambda lines: len(lines) >= 100)
    os.killpg(trace.pid, signal.SIGTSTP)
    wait_state(trace.pid, ("T",), "trace to stop")
    wait_state(pid, ("T", "t"), "the command to stop")
    os.killpg(trace.pid, signal.SIGCONT)
    wait_for("the command to run again", lambda: proc_state(pid) not in ("T", "t"), 5)
    trace.close_stdin()
    expect_status(trace, "trace", "exited with 7")
    if trace.stdout.finish()[1:] != ["burst ok"]:
        raise Failed(f"the command printed {trace.stdout.lines}")


# ---- trace killed by SIGKILL -----------------------------------------------------------------------


@scenario
def sigkill_spawned(ctx):
    """trace killed by SIGKILL: the command it started dies with it (PTRACE_O_EXITKILL), as in strace."""
    trace, pid = spawned(ctx, "rel_worker", "burst")
    ctx.wait_output("100 traced calls", lambda lines: len(lines) >= 100)
    os.kill(trace.pid, signal.SIGKILL)
    expect_status(trace, "trace", "killed by SIGKILL")
    wait_for("the command to die", lambda: proc_state(pid) in (None, "Z"), 5)


@scenario
def sigkill_attached(ctx):
    """trace killed by SIGKILL: a process attached with -p is released by the kernel and runs on."""
    tracee = ctx.tracee("rel_worker", "burst")
    pid = int(tracee.stdout.lines[0])
    trace = ctx.trace_cmd("-p", str(pid))
    wait_for("trace to attach", attached(trace, pid))
    ctx.wait_output("200 traced calls", lambda lines: len(lines) >= 200)
    os.kill(trace.pid, signal.SIGKILL)
    expect_status(trace, "trace", "killed by SIGKILL")
    expect_not_stopped(pid, "the tracee", 0.5)
    expect_finishes(tracee, "burst")


# ---- the hangs -------------------------------------------------------------------------------------


def vfork_attach(ctx, *options):
    parent = ctx.tracee("rel_vfork")
    pid = int(parent.stdout.lines[0])
    wait_state(pid, ("D",), "the vfork parent to wait for its child")
    trace = ctx.trace_cmd(*options, "-p", str(pid))
    wait_for("trace to attach", attached(trace, pid))
    time.sleep(0.1)
    os.kill(trace.pid, signal.SIGINT)
    expect_status(trace, "trace", "killed by SIGINT", timeout=5)
    expect_not_stopped(pid, "the vfork parent")
    parent.close_stdin()
    expect_status(parent, "the vfork parent", "exited with 7")
    if parent.stdout.finish()[1:] != ["vfork ok"]:
        raise Failed(f"the vfork parent printed {parent.stdout.lines}")


@scenario
def vfork_detach(ctx):
    """SIGINT while the -p process waits in vfork for a child that runs on: trace cannot stop it
    (the wait is uninterruptible), yet it must exit promptly and release it."""
    vfork_attach(ctx)


@scenario
def vfork_detach_follow(ctx):
    """The same with -f."""
    vfork_attach(ctx, "-f")


@scenario
def vfork_child_running(ctx):
    """With -f, SIGTERM to trace while the command waits in vfork and the traced child still runs:
    the command gets the SIGTERM (as with strace), the child is detached and runs on, trace exits.
    (-I 1: with -o and a command, trace blocks SIGTERM by default, as strace does.)"""
    trace, pid = spawned(ctx, "-I", "1", "-f", "rel_vfork")
    wait_state(pid, ("D",), "the command to wait in vfork")
    ctx.wait_output("the child's read", lambda lines: any(" read(0, " in line for line in lines))
    child = int([line for line in ctx.output_lines() if " read(0, " in line][0].split()[0])
    os.kill(trace.pid, signal.SIGTERM)
    expect_status(trace, "trace", "killed by SIGTERM", timeout=5)
    wait_for("the command to die", lambda: proc_state(pid) in (None, "Z"), 5)
    expect_not_stopped(child, "the vfork child")
    if proc_state(child) in (None, "Z"):
        raise Failed("the vfork child did not run on")
    trace.close_stdin()  # the child's stdin: it ends
    wait_for("the vfork child to end", lambda: proc_state(child) in (None, "Z"), 5)


@scenario
def tracees_killed(ctx):
    """Children killed by SIGKILL at any point of their syscalls (between a stop and trace's next
    ptrace call): each death is reported once, nothing hangs."""
    trace = ctx.trace_cmd("-f", "-e", "trace=chdir,kill", "stress_kill", "40")
    expect_status(trace, "trace", "exited with 0", timeout=20)
    killed = [line for line in ctx.output_lines() if line.endswith("+++ killed by SIGKILL +++")]
    if len(killed) != 40:
        raise Failed(f"{len(killed)} children reported killed, expected 40")
    expect_complete_output(ctx)


@scenario
def exit_threads_decoded(ctx):
    """Threads killed by exit_group at any point of their stops, while the tracer reads their memory:
    each thread's 50 truncate() calls before are all in the trace, decoded and complete."""
    trace = ctx.trace_cmd("-f", "-e", "trace=truncate", "stress_exit_threads", "16", "50")
    expect_status(trace, "trace", "exited with 0", timeout=20)
    lines = ctx.output_lines()
    for i in range(16):
        call = f'truncate("/nonexistent/stress_exit_threads/{i}", 0'
        count = sum(1 for line in lines if call in line)
        if count != 50:
            raise Failed(f"thread {i}: {count} truncate calls in the trace, expected 50")
    split = sum(1 for line in lines if "truncate(" in line and line.endswith("<unfinished ...>"))
    resumed = sum(1 for line in lines if "<... truncate resumed>" in line)
    if split != resumed:
        raise Failed(f"{split} truncate calls split by other threads, but {resumed} resumed")
    expect_complete_output(ctx)


# ---- output is complete ---------------------------------------------------------------------------


@scenario
def interrupted_summary(ctx):
    """-c with -p, interrupted: the table is still printed, with the calls counted so far."""
    tracee = ctx.tracee("rel_worker", "burst")
    pid = int(tracee.stdout.lines[0])
    trace = ctx.start([ctx.trace, "-c", "-p", str(pid)])
    wait_for("trace to attach", attached(trace, pid))
    time.sleep(0.3)
    os.kill(trace.pid, signal.SIGINT)
    expect_status(trace, "trace", "killed by SIGINT")
    lines = trace.stderr.finish()
    rows = {line.split()[-1]: line.split() for line in lines if line.split()}
    if "getppid" not in rows or "total" not in rows or int(rows["getppid"][3]) == 0:
        raise Failed("no -c table with getppid calls after SIGINT:\n  " + "\n  ".join(lines))
    expect_finishes(tracee, "burst")


@scenario
def killed_command_output(ctx):
    """The command killed by SIGKILL in the middle of a burst: the trace is complete up to its death
    (everything flushed), and trace dies by the same signal."""
    trace, pid = spawned(ctx, "rel_worker", "burst")
    ctx.wait_output("100 traced calls", lambda lines: len(lines) >= 100)
    os.kill(pid, signal.SIGKILL)
    expect_status(trace, "trace", "killed by SIGKILL")
    lines = ctx.output_lines()
    if not lines or lines[-1] != "+++ killed by SIGKILL +++":
        raise Failed(f"the trace does not end with the death: {lines[-3:]}")
    expect_complete_output(ctx)


@scenario
def interrupted_output(ctx):
    """trace interrupted in the middle of a burst (-o FILE): every line is complete."""
    tracee = ctx.tracee("rel_worker", "burst")
    pid = int(tracee.stdout.lines[0])
    trace = ctx.trace_cmd("-p", str(pid))
    wait_for("trace to attach", attached(trace, pid))
    ctx.wait_output("200 traced calls", lambda lines: len(lines) >= 200)
    os.kill(trace.pid, signal.SIGINT)
    expect_status(trace, "trace", "killed by SIGINT")
    expect_complete_output(ctx)
    last = ctx.output_lines()[-1]
    if "<detached ...>" not in last and not last.endswith(")") and " = " not in last:
        raise Failed(f"the last line is not a complete call: {last!r}")
    expect_finishes(tracee, "burst")


@scenario
def daemonize(ctx):
    """-D, -DD, -DDD: the command runs in trace's own process, so it stays the caller's child and its
    exit status reaches the caller directly; the tracer, a grandchild, traces it from its execve on
    and completes the trace after it."""
    for mode in ("-D", "-DD", "-DDD"):
        if os.path.exists(ctx.out):
            os.unlink(ctx.out)
        trace = ctx.trace_cmd(mode, "sh", "-c", "echo $$; exit 3")
        expect_status(trace, f"trace {mode}", "exited with 3")
        lines = trace.stdout.finish()
        if lines != [str(trace.pid)]:
            raise Failed(f"trace {mode}: the command printed {lines}, expected its pid to be trace's {trace.pid}")
        ctx.wait_output(f"the trace of {mode} to end", lambda out: out and out[-1] == "+++ exited with 3 +++")
        out = ctx.output_lines()
        if not (out[0].startswith('execve("') and '/sh", ["sh", "-c", "echo $$; exit 3"]' in out[0]):
            raise Failed(f"trace {mode}: the trace does not start with the command's execve: {out[0]!r}")
        if not any(line.startswith("exit_group(3)") for line in out):
            raise Failed(f"trace {mode}: no exit_group(3) in the trace")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name", nargs="?")
    parser.add_argument("--trace")
    parser.add_argument("--progs")
    parser.add_argument("--list", action="store_true")
    options = parser.parse_args()
    if options.list:
        print("\n".join(SCENARIOS))
        return 0
    if options.name not in SCENARIOS or not options.trace or not options.progs:
        parser.error(f"a scenario name ({', '.join(SCENARIOS)}), --trace and --progs are needed")
    fn = SCENARIOS[options.name]
    with tempfile.TemporaryDirectory(prefix=f"scenario-{options.name}-") as tmp:
        ctx = Context(os.path.abspath(options.trace), os.path.abspath(options.progs), tmp)
        try:
            fn(ctx)
        except Failed as e:
            print(f"FAIL: {options.name}: {fn.__doc__.strip()}\n  {e}")
            output = ctx.output_lines()
            print(f"  --- trace output ({len(output)} lines, the last 20) ---")
            for line in output[-20:]:
                print("  " + line)
            return 1
        finally:
            ctx.cleanup()
    print(f"PASS: {options.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
