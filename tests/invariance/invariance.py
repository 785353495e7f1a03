#!/usr/bin/env python3
"""Tracing changes nothing but time (issue 11): runs tests/progs/world_probe untraced and under one
mode of trace, and checks that the probe and its children see the same world in both.

  invariance.py MODE[.user] --trace PATH --probe PATH [--plain-caller] [-v]
  invariance.py --list

MODE is a key of MODES. With ".user" both runs are made as uid 65534 without any capability (through
setpriv; the suite must run as root for that, or the test is skipped). Every run starts with the
caller's world: SIGHUP and SIGPIPE ignored and SIGUSR2 blocked, as under nohup or a shell's trap
(--plain-caller leaves them alone, to tell other differences apart when investigating), umask 027.

Every line of the probe must match the untraced run, except TracerPid, and except Seccomp and
Seccomp_filters of a process that was traced when it printed (trace's own filter, while it traces);
so must the exit status and stderr. The probe prints in its children too (one exec'd directly, one
started by sh), and in the modes that stop tracing midway (attach, -D, signals to the tracer) once
while traced ("during.") and once after ("after."). Processes a run leaves behind (the harness is
their subreaper) fail the test and are killed; so is a job that does not finish within TIMEOUT.
With strace as --trace, every mode passes: that validates the test. See world_diff.py for the
comparison and the explanation printed with each difference.
Exit status: 0 passed, 1 failed, 77 skipped.
"""

import argparse
import ctypes
import fcntl
import os
import pwd
import queue
import shlex
import signal
import subprocess
import sys
import tempfile
import termios
import threading
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from world_diff import compare, format_report  # noqa: E402

SKIP = 77
TIMEOUT = 10.0
LINGER = 5.0  # how long a process left behind by a run may take to go away on its own

UNPRIVILEGED = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                "--ambient-caps=-all", "--bounding-set=-all", "--"]

# name: (trace's options, how it ends). "run": `trace OPTIONS probe run`; ("attach", SIG): the probe
# runs untraced, `trace OPTIONS -p PID` attaches, the probe prints, SIG makes trace detach, and the
# probe prints again; ("daemon", SIG): the same with `trace -D... OPTIONS probe wait` and SIG to the
# tracer (SIGKILL: it dies); ("signal", SIG): the same with `trace OPTIONS probe wait`, the probe
# ignoring SIGTERM. {out} is a file, {dir} a directory for trace's output.
MODES = {
    "plain": (["-o", "{out}"], "run"),
    "follow": (["-f", "-o", "{out}"], "run"),
    "follow_separately": (["-ff", "-o", "{dir}/x"], "run"),
    "summary": (["-c", "-o", "{out}"], "run"),
    "follow_summary": (["-f", "-c", "-o", "{out}"], "run"),
    "set": (["-e", "trace=openat", "-o", "{out}"], "run"),
    "follow_set": (["-f", "-e", "trace=openat", "-o", "{out}"], "run"),
    "none": (["-e", "trace=none", "-o", "{out}"], "run"),
    "follow_none": (["-f", "-e", "trace=none", "-o", "{out}"], "run"),
    "detach_execve": (["-b", "execve", "-f", "-e", "trace=openat", "-o", "{out}"], "run"),
    "syscall_limit": (["--syscall-limit=5", "-f", "-e", "trace=openat", "-o", "{out}"], "run"),
    "daemon": (["-D", "-o", "{out}"], "run"),
    "daemon_pgrp": (["-DD", "-o", "{out}"], "run"),
    "daemon_session": (["-DDD", "-o", "{out}"], "run"),
    "daemon_follow_set": (["-D", "-f", "-e", "trace=openat", "-o", "{out}"], "run"),
    "run_as_nobody": (["-u", "nobody", "-o", "{out}"], "run"),
    "tty_plain": (["-o", "{out}"], "run"),
    "tty_follow_set": (["-f", "-e", "trace=openat", "-o", "{out}"], "run"),
    "tty_daemon_pgrp": (["-DD", "-o", "{out}"], "run"),
    "tty_daemon_session": (["-DDD", "-o", "{out}"], "run"),
    "attach_sigint": (["-o", "{out}"], ("attach", signal.SIGINT)),
    "attach_sigterm": (["-f", "-o", "{out}"], ("attach", signal.SIGTERM)),
    "attach_sighup": (["-f", "-e", "trace=openat", "-o", "{out}"], ("attach", signal.SIGHUP)),
    "ignored_sigterm": (["-I1", "-f", "-e", "trace=openat", "-o", "{out}"], ("signal", signal.SIGTERM)),
    "daemon_sigterm": (["-D", "-I1", "-f", "-e", "trace=openat", "-o", "{out}"], ("daemon", signal.SIGTERM)),
    "daemon_sigkill": (["-D", "-f", "-e", "trace=openat", "-o", "{out}"], ("daemon", signal.SIGKILL)),
}
# Modes where the tracer dies (SIGKILL, or a signal it does not catch with -I1) while the probe runs.
# The probe must go on as untraced, except that a probe that ran under trace's seccomp filter may be
# killed with its tracer instead (PTRACE_O_EXITKILL, as strace --seccomp-bpf): the filter cannot be
# taken off, and a filtered process must never run on untraced (issue 11). Then only "during." counts.
KILLED_WITH_FILTER = ("daemon", "signal")
NEEDS_ROOT = {"run_as_nobody"}  # -u: compared with the probe run as nobody through setpriv --init-groups
# Modes whose runs have a controlling terminal (the probe's stdin), with the job in the foreground.
WITH_TTY = {"tty_plain", "tty_follow_set", "tty_daemon_pgrp", "tty_daemon_session"}

CALLER_IGNORED = (signal.SIGHUP, signal.SIGPIPE)
CALLER_BLOCKED = (signal.SIGUSR2,)
CALLER_UMASK = 0o027  # not the usual 022: a tracer that sets its own would show


class Failed(Exception):
    pass


def caller_world(plain):
    """preexec_fn of every run: the dispositions and mask its caller gives it."""
    def setup():
        os.umask(CALLER_UMASK)
        if plain:
            return
        for sig in CALLER_IGNORED:
            signal.signal(sig, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_BLOCK, CALLER_BLOCKED)
    return setup


def default_signals():
    signal.pthread_sigmask(signal.SIG_SETMASK, [])


def set_child_subreaper():
    """Orphans of our runs (a -D tracer, a child of a killed probe) become our children: none escapes."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def children_of_ours():
    """(pid, state, command) of every process whose parent is this one."""
    found = []
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if int(fields[1]) == me:
            found.append((int(entry), fields[0], stat[stat.find("(") + 1:stat.rfind(")")]))
    return found


def reap_leftovers(what):
    """Waits a little for processes a run left behind, then kills them. Returns what was left."""
    deadline = time.monotonic() + LINGER
    while True:
        try:
            while os.waitpid(-1, os.WNOHANG)[0] > 0:
                pass
        except ChildProcessError:
            pass
        left = children_of_ours()
        if not left:
            return []
        if time.monotonic() > deadline:
            break
        time.sleep(0.02)
    for pid, _, _ in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for pid, _, _ in left:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    return [f"{what} left process {pid} ({command}) behind in state {state}" for pid, state, command in left]


def kill_job(popen):
    for target in (lambda: os.killpg(popen.pid, signal.SIGKILL), lambda: popen.kill()):
        try:
            target()
        except (ProcessLookupError, PermissionError):
            pass


def describe(returncode):
    if returncode is None:
        return "still running"
    return f"exit {returncode}" if returncode >= 0 else f"killed by {signal.Signals(-returncode).name}"


class Job:
    """A process started in its own session, with piped stdio."""

    def __init__(self, argv, cwd, preexec, stdin=subprocess.DEVNULL):
        self.argv = argv
        env = dict(os.environ, PWD=cwd)  # as a shell would give it
        self.popen = subprocess.Popen(argv, cwd=cwd, env=env, stdin=stdin, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, start_new_session=True, preexec_fn=preexec)
        self.pid = self.popen.pid
        self.lines = queue.Queue()
        self.stdout = []
        self.stderr = []
        self.readers = [threading.Thread(target=self._read, args=(self.popen.stdout, self.stdout, True), daemon=True),
                        threading.Thread(target=self._read, args=(self.popen.stderr, self.stderr, False), daemon=True)]
        for reader in self.readers:
            reader.start()

    def _read(self, stream, into, queued):
        for raw in iter(stream.readline, b""):
            text = raw.decode("utf-8", "backslashreplace").rstrip("\n")
            into.append(text)
            if queued:
                self.lines.put(text)
        if queued:
            self.lines.put(None)

    def read_until(self, last, what):
        """The stdout lines up to `last` (included), or Failed after TIMEOUT."""
        got = []
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                text = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise Failed(f"{what}: no '{last}' line within {TIMEOUT:.0f} s") from None
            if text is None:
                raise Failed(f"{what}: output ended before '{last}' ({describe(self.popen.poll())})")
            got.append(text)
            if text == last or text.startswith(last + ":"):
                return got

    def send(self, text, what):
        try:
            self.popen.stdin.write(text.encode() + b"\n")
            self.popen.stdin.flush()
        except OSError:
            raise Failed(f"{what} could not be told to print '{text}': it is gone") from None

    def finish(self, what):
        """Waits for the process and the end of its output; kills its process group on timeout."""
        if self.popen.stdin:
            try:
                self.popen.stdin.close()
            except OSError:  # the reader is gone
                pass
        try:
            self.popen.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            kill_job(self.popen)
            self.popen.wait()
            raise Failed(f"{what} did not exit within {TIMEOUT:.0f} s: killed") from None
        for reader in self.readers:
            reader.join(TIMEOUT)
            if reader.is_alive():
                raise Failed(f"{what} exited but something kept its output open for {TIMEOUT:.0f} s")
        return self.popen.returncode

    def cleanup(self):
        if self.popen.poll() is None:
            kill_job(self.popen)
            self.popen.wait()


def proc_field(pid, name):
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as f:
            for text in f:
                if text.startswith(name + ":"):
                    return text.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def proc_state(pid):
    state = proc_field(pid, "State")
    return state.split()[0] if state else None


def wait_for(what, predicate):
    deadline = time.monotonic() + TIMEOUT
    while not predicate():
        if time.monotonic() > deadline:
            raise Failed(f"timed out waiting for {what}")
        time.sleep(0.01)


class Run:
    """What one run of the probe showed: its lines, stderr, exit status and the pid of the job."""

    def __init__(self, lines, stderr, status, job_pid, notes=(), leftovers=(), killed_with_tracer=False):
        self.lines = lines
        self.stderr = stderr
        self.status = status
        self.job_pid = job_pid
        self.notes = list(notes)
        self.leftovers = list(leftovers)
        self.killed_with_tracer = killed_with_tracer


def run_probe(prefix, argv, cwd, preexec, what, tty=False):
    """Runs the probe (traced or not) to its end. With tty, the job's session has a terminal (its
    stdin), and the job is its foreground process group."""
    master = slave = None
    stdin = subprocess.DEVNULL
    if tty:
        master, slave = os.openpty()
        stdin = slave

        def setup():
            preexec()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    try:
        job = Job(prefix + argv, cwd, setup if tty else preexec, stdin=stdin)
        if slave is not None:
            os.close(slave)
            slave = None
        try:
            status = job.finish(what)
        finally:
            job.cleanup()
    finally:
        for fd in (master, slave):
            if fd is not None:
                os.close(fd)
    return Run(job.stdout, job.stderr, describe(status), job.pid, leftovers=reap_leftovers(what))


def staged_probe(prefix, probe, trace_argv, how, cwd, preexec, what):
    """The probe waits; it is traced: trace -p attaches to it ("attach"), or trace -D ("daemon") or
    plain trace ("signal") started it; it prints "during"; the tracer gets a signal and must let go (or
    dies: SIGKILL, or -I1); the probe prints "after". Without trace_argv, the untraced probe does the
    same. In "signal" mode the probe ignores SIGTERM, as a command that ignores it."""
    kind, sig = how
    probe_argv = [probe, "wait"] + (["ignore-term"] if kind == "signal" else [])
    tracer = None
    notes = []
    if trace_argv and kind != "attach":
        job = Job(prefix + trace_argv + probe_argv, cwd, preexec, stdin=subprocess.PIPE)
    else:
        job = Job(prefix + probe_argv, cwd, preexec, stdin=subprocess.PIPE)
    try:
        probe_pid = int(job.read_until("ready", what)[-1].split(":")[1])
        tracer_pid = None
        if trace_argv:
            if kind == "attach":
                tracer = Job(prefix + trace_argv + ["-p", str(probe_pid)], cwd, default_signals)
                # Its "Process PID attached" comes once it has seized every thread and set it up.
                wait_for(f"trace's 'Process {probe_pid} attached'",
                         lambda: any(f"Process {probe_pid} attached" in text for text in tracer.stderr))
            wait_for(f"trace to attach to {probe_pid}", lambda: proc_field(probe_pid, "TracerPid") not in (None, "0"))
            tracer_pid = int(proc_field(probe_pid, "TracerPid"))
        job.send("during", what)
        lines = job.read_until("during.end", what)
        # A probe under trace's filter may instead be followed quietly to its end (issue 11: a filtered
        # process is never let go): then "after" is printed while traced, and trace ends after it.
        stays = bool(tracer_pid) and sig != signal.SIGKILL and filtered_while_traced(lines)
        if tracer_pid:
            os.kill(tracer_pid, sig)
            if stays:
                notes.append(f"the probe ran under trace's filter: after {sig.name}, trace may follow it to its end")
            else:
                notes.append(wait_for_tracer(tracer, job, tracer_pid, sig))
                state = proc_state(probe_pid)
                if state in ("T", "t"):
                    raise Failed(f"the tracer exited after {sig.name} and left the probe stopped (state {state})")
        try:
            job.send("after", what)
            lines += job.read_until("after.end", what)
            if stays and proc_field(probe_pid, "TracerPid") in (None, "0"):
                raise Failed(f"trace let the probe go after {sig.name} although it carries trace's filter: every "
                             f"call that filter asks a tracer for now fails with ENOSYS")
        except Failed as failure:
            job.finish(what)  # closes its input: a probe still there ends
            status = probe_status(job, probe_pid)
            if not (kind in KILLED_WITH_FILTER and tracer_pid and filtered_while_traced(lines)
                    and status == "killed by SIGKILL"):
                raise Failed(f"{failure}" if f"({status})" in str(failure) else f"{failure} ({status})") from None
            notes.append(f"the probe ran under trace's seccomp filter and was killed with its tracer: accepted, a "
                         f"filtered process must not run on untraced (issue 11); only 'during.' is compared")
            return Run(lines, job.stderr, status, job.pid, notes, reap_leftovers(what), killed_with_tracer=True)
        job.finish(what)
        status = probe_status(job, probe_pid)
        if stays:
            notes.append(wait_for_tracer(tracer, job, tracer_pid, sig))
    finally:
        job.cleanup()
        if tracer:
            tracer.cleanup()
    return Run(lines, job.stderr, status, job.pid, notes, reap_leftovers(what))


def wait_for_tracer(tracer, job, tracer_pid, sig):
    """Waits for the tracer to end (trace -p: tracer; plain trace: the job; -D's tracer: reparented
    here). Returns a note on how it ended."""
    if tracer:
        note = f"trace exited after {sig.name} with {describe(tracer.finish(f'trace after {sig.name}'))}"
        return note + ("; its stderr: " + " | ".join(tracer.stderr) if tracer.stderr else "")
    if tracer_pid == job.pid:
        try:
            return f"trace exited after {sig.name} with {describe(job.popen.wait(TIMEOUT))}"
        except subprocess.TimeoutExpired:
            raise Failed(f"trace did not exit within {TIMEOUT:.0f} s of {sig.name}") from None
    wait_for(f"the tracer ({tracer_pid}) to exit after {sig.name}", lambda: gone(tracer_pid))
    return f"the tracer ({tracer_pid}) exited after {sig.name}"


def filtered_while_traced(lines):
    """Whether the probe's "during." world shows trace's seccomp filter (and no filter untraced would)."""
    fields = dict(text.partition(": ")[::2] for text in lines)
    return fields.get("during.TracerPid", "0") != "0" and fields.get("during.Seccomp") == "2"


def probe_status(job, probe_pid):
    """The probe's exit status: the job's, or (trace's command, reparented here once trace died) its own."""
    if probe_pid != job.pid:
        return reap(probe_pid)
    try:
        return describe(job.popen.wait(TIMEOUT))
    except subprocess.TimeoutExpired:
        raise Failed(f"the probe ({probe_pid}) did not exit at the end of its input") from None


def reap(pid):
    """The exit status of a child of ours (the probe, once its parent trace died)."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            waited, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return None  # trace's child still (it followed the probe to its end): trace has its status
        if waited == pid:
            return describe(os.waitstatus_to_exitcode(status))
        time.sleep(0.01)
    raise Failed(f"the probe ({pid}) did not exit at the end of its input")


def gone(pid):
    """True once pid has exited (reaped here when it is our child, as an orphaned -D tracer is)."""
    try:
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return True
    except ChildProcessError:
        pass
    state = proc_state(pid)
    return state in (None, "Z")


def is_root():
    return os.geteuid() == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", nargs="?")
    parser.add_argument("--trace", help="the trace binary (or another tracer with strace's options)")
    parser.add_argument("--probe", help="the world_probe binary")
    parser.add_argument("--list", action="store_true", help="list the test names and exit")
    parser.add_argument("--plain-caller", action="store_true", help="no ignored or blocked signals in the caller")
    parser.add_argument("-v", "--verbose", action="store_true", help="print both runs in full")
    options = parser.parse_args()
    if options.list:
        print("\n".join(name + suffix for suffix in ("", ".user") for name in MODES))
        return 0
    if not options.mode or not options.trace or not options.probe:
        parser.error("a mode, --trace and --probe are needed")
    name, _, variant = options.mode.partition(".")
    if name not in MODES or variant not in ("", "user"):
        parser.error(f"unknown mode {options.mode}")
    trace_options, how = MODES[name]

    prefix = []
    baseline_prefix = []
    if variant == "user":
        if not is_root():
            print("SKIP: running as an ordinary user without capabilities needs root to drop to uid 65534")
            return SKIP
        if name in NEEDS_ROOT:
            print(f"SKIP: {name} needs root")
            return SKIP
        prefix = baseline_prefix = UNPRIVILEGED
    elif name in NEEDS_ROOT:
        if not is_root():
            print(f"SKIP: {name} needs root")
            return SKIP
        nobody = pwd.getpwnam("nobody")
        baseline_prefix = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--init-groups", "--"]

    set_child_subreaper()
    trace = os.path.abspath(options.trace)
    probe = os.path.abspath(options.probe)
    preexec = caller_world(options.plain_caller)
    tty = name in WITH_TTY
    with tempfile.TemporaryDirectory(prefix=f"invariance-{name}-") as directory:
        os.chmod(directory, 0o755)
        cwd = os.path.join(directory, "cwd")
        out_dir = os.path.join(directory, "out")
        os.mkdir(cwd, 0o755)
        os.mkdir(out_dir)
        os.chmod(out_dir, 0o777)  # the unprivileged runs write trace's output there
        trace_argv = [trace] + [a.format(out=os.path.join(out_dir, "trace.out"), dir=out_dir) for a in trace_options]
        try:
            if how == "run":
                print("+ " + shlex.join(baseline_prefix + [probe, "run"]), flush=True)
                untraced = run_probe(baseline_prefix, [probe, "run"], cwd, preexec, "the untraced probe", tty)
                print("+ " + shlex.join(prefix + trace_argv + [probe, "run"]), flush=True)
                traced = run_probe(prefix, trace_argv + [probe, "run"], cwd, preexec, "the traced probe", tty)
            else:
                kind, sig = how
                waiting = [probe, "wait"] + (["ignore-term"] if kind == "signal" else [])
                print("+ " + shlex.join(prefix + waiting) + "   (prints 'during' and 'after')", flush=True)
                untraced = staged_probe(prefix, probe, None, how, cwd, preexec, "the untraced probe")
                traced_argv = trace_argv + (["-p", "PID"] if kind == "attach" else waiting)
                print(f"+ {shlex.join(prefix + traced_argv)}, then kill -{sig.name[3:]} the tracer", flush=True)
                traced = staged_probe(prefix, probe, trace_argv, how, cwd, preexec, "the traced probe")
        except Failed as failure:
            print(f"FAIL: {options.mode}: {failure}")
            for leftover in reap_leftovers("the run"):
                print(f"FAIL: {options.mode}: {leftover} (killed)")
            return 1
        if options.verbose:
            for label, run in (("untraced", untraced), ("traced", traced)):
                print(f"--- {label} ({run.status})\n" + "\n".join(run.lines + ["stderr:"] + run.stderr))
        if traced.killed_with_tracer:
            untraced.lines = [text for text in untraced.lines if text.startswith("during.")]
            untraced.status = traced.status
        differences = compare(untraced, traced)
        report = format_report(options.mode, untraced, traced, differences)
        print(report)
        if differences or untraced.leftovers or traced.leftovers:
            output = sorted(os.listdir(out_dir))
            print(f"trace's output files: {' '.join(output) if output else 'none'}")
            return 1
        return 0


if __name__ == "__main__":
    sys.exit(main())
