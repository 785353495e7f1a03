#!/usr/bin/env python3
"""Runs integration cases with trace under a simulated restriction of containers and sandboxes, and
checks that the trace is still right (each fallback path is exercised).

  restricted.py RESTRICTION --trace PATH --helper PATH --progs DIR [--list]
  restricted.py --names

Restrictions (see RESTRICTIONS below): a syscall or ptrace request made to fail by a seccomp filter
(tests/restrict/seccomp_fail.c), /proc hidden by a tmpfs in a mount namespace (root only), or an
ordinary user without any capability (root only, to drop to uid 65534). For each, the key cases of
tests/integration/cases/ must pass unchanged, and so must the restriction's own cases,
tests/restrict/cases/RESTRICTION_*.case. Exit status: run_case.py's (0 passed, 1 failed, 77 skipped).
"""

import argparse
import glob
import os
import shlex
import stat
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
INTEGRATION = os.path.join(os.path.dirname(HERE), "integration")
SKIP = 77

# Cases that read tracee memory (strings, buffers, argv, clone3's flags, -p).
MEMORY_CASES = ["plain_open_close", "strings_default", "strings_limit", "strings_hex", "follow_threads",
                "exec_from_thread", "attach_detach", "follow_vfork", "signals"]
# Cases whose stops must be told apart: entry and exit, signals, restarts, exec from a thread, attach.
STOP_CASES = ["plain_open_close", "follow_fork", "follow_threads", "follow_vfork", "exec_from_thread",
              "restart_eintr", "restart_sa_restart", "signals", "group_stop", "attach_detach",
              "killed_by_signal", "summary_only_fork", "syscall_number"]
# Cases with -f and an -e trace= set, where trace would filter with seccomp-bpf.
FILTER_CASES = ["summary_only_fork", "trace_class_process", "timestamps_tt_T_f", "instruction_pointer",
                "killed_core_dumped"]
# Cases whose programs do not need /proc themselves (blocked.h waits through /proc).
NO_PROC_CASES = ["plain_open_close", "follow_fork", "follow_vfork", "exit_code", "signals", "group_stop",
                 "killed_by_signal", "strings_default"]
# Every behaviour an ordinary user relies on.
UNPRIVILEGED_CASES = ["plain_open_close", "strings_default", "follow_fork", "follow_threads", "follow_vfork",
                      "exec_from_thread", "signals", "group_stop", "restart_eintr", "attach_detach",
                      "attach_quiet", "killed_by_signal", "summary_only_fork", "trace_class_process",
                      "output_separately", "error_attach_missing", "exit_code"]

# Scenarios of tests/stress/scenarios.py that exercise a fallback hardest: threads dying while their
# memory is read, attaching and detaching in the middle of a burst.
MEMORY_SCENARIOS = ["exit_threads_decoded", "detach_threads"]
STOP_SCENARIOS = ["detach_burst", "detach_threads", "detach_stopped_while_traced", "exit_threads_decoded",
                  "tracees_killed"]

# name: (seccomp_fail rules, key cases, scenarios)
RESTRICTIONS = {
    "vm_readv_eperm": (["process_vm_readv=EPERM"], MEMORY_CASES, MEMORY_SCENARIOS),
    "vm_readv_enosys": (["process_vm_readv=ENOSYS"], MEMORY_CASES, []),
    "syscall_info_eio": (["ptrace:PTRACE_GET_SYSCALL_INFO=EIO"], STOP_CASES, STOP_SCENARIOS),
    "syscall_info_einval": (["ptrace:PTRACE_GET_SYSCALL_INFO=EINVAL"], ["plain_open_close", "attach_detach"], []),
    "seccomp_eperm": (["seccomp=EPERM"], FILTER_CASES, []),
    "seize_eperm": (["ptrace:PTRACE_SEIZE=EPERM"], [], []),
    "ptrace_eperm": (["ptrace=EPERM"], [], []),
    "no_proc": (None, NO_PROC_CASES, []),
    "unprivileged": (None, UNPRIVILEGED_CASES, ["detach_burst", "jobctl_tstp", "vfork_detach"]),
}

UNPRIVILEGED = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                "--ambient-caps=-all", "--bounding-set=-all", "--"]


def write_wrapper(directory, lines):
    """A shell script named trace (the harness runs it with argv[0] = trace) that execs the real one.
    The lines run it as `trace`, found through $PATH in bin/, so that its messages start with
    "trace:" (argv[0]) as the cases expect."""
    path = os.path.join(directory, "trace")
    with open(path, "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\nPATH=" + shlex.quote(os.path.join(directory, "bin")) + ':"$PATH"\n' + "\n".join(lines) + "\n")
    os.chmod(path, stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    return path


def check_no_capabilities():
    """The unprivileged runs must really have no capability: fail loudly if setpriv kept any."""
    out = subprocess.run(UNPRIVILEGED + ["cat", "/proc/self/status"], capture_output=True, text=True, check=True)
    fields = dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)
    for name in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
        if int(fields[name].strip(), 16) != 0:
            sys.exit(f"restricted.py: setpriv left {name} = {fields[name].strip()}")
    if fields["Uid"].split()[1] != "65534":
        sys.exit(f"restricted.py: setpriv did not change the uid: {fields['Uid'].strip()}")


def passing_without_restriction(run_case, trace, cases):
    """The key cases that pass without the restriction: one that already fails is integ.<case>'s
    failure, not this restriction's. The restriction's own cases are always kept."""
    key = [c for c in cases if os.path.dirname(c) != os.path.join(HERE, "cases")]
    if not key:
        return cases
    out = subprocess.run(run_case + ["--tracer", trace] + key, capture_output=True, text=True, check=False).stdout
    passed = {line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("PASS: ")}
    for case in key:
        if case not in passed:
            print(f"NOT RUN: {case}: it fails without the restriction too")
    return [c for c in cases if c in passed or c not in key]


def run_scenarios(prefix, scenarios, trace, progs):
    """Runs scenarios.py's scenarios with this trace (a wrapper, or the binary under setpriv)."""
    status = 0
    script = os.path.join(os.path.dirname(HERE), "stress", "scenarios.py")
    for name in scenarios:
        command = prefix + [sys.executable, script, name, "--trace", trace, "--progs", os.path.abspath(progs)]
        print(f"+ {shlex.join(command)}", flush=True)
        status = worst(status, subprocess.run(command, check=False).returncode)
    return status


def worst(a, b):
    """The combined exit status: a failure wins, then a pass; all skipped is a skip."""
    failures = [s for s in (a, b) if s not in (0, SKIP)]
    if failures:
        return max(failures)
    return SKIP if a == b == SKIP else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("restriction", nargs="?", choices=sorted(RESTRICTIONS))
    parser.add_argument("--trace", help="the trace binary")
    parser.add_argument("--helper", help="the seccomp_fail binary")
    parser.add_argument("--progs", help="the directory of the test programs")
    parser.add_argument("--list", action="store_true", help="list the restriction's cases and exit")
    parser.add_argument("--names", action="store_true", help="list the restrictions and exit")
    parser.add_argument("-v", "--verbose", action="store_true")
    options = parser.parse_args()
    if options.names:
        print("\n".join(RESTRICTIONS))
        return 0
    if not options.restriction or not options.trace or not options.helper or not options.progs:
        parser.error("a restriction, --trace, --helper and --progs are needed")

    rules, key_cases, scenarios = RESTRICTIONS[options.restriction]
    cases = [os.path.join(INTEGRATION, "cases", name + ".case") for name in key_cases]
    cases += sorted(glob.glob(os.path.join(HERE, "cases", options.restriction + "_*.case")))
    if options.list:
        print("\n".join(cases))
        return 0
    if not cases:
        sys.exit(f"restricted.py: no cases for {options.restriction}")
    trace = os.path.abspath(options.trace)
    run_case = [sys.executable, os.path.join(INTEGRATION, "run_case.py"), "--progs", os.path.abspath(options.progs)]
    if options.verbose:
        run_case.append("-v")
    cases = passing_without_restriction(run_case, trace, cases)

    if options.restriction == "unprivileged":
        if os.geteuid() != 0:
            print("SKIP: dropping to uid 65534 needs root")
            return SKIP
        check_no_capabilities()
        command = UNPRIVILEGED + run_case + ["--tracer", trace] + cases
        print("+ " + shlex.join(command), flush=True)
        status = subprocess.run(command, check=False).returncode
        return worst(status, run_scenarios(UNPRIVILEGED, scenarios, trace, options.progs))

    with tempfile.TemporaryDirectory(prefix=f"restrict-{options.restriction}-") as directory:
        os.chmod(directory, 0o755)
        os.mkdir(os.path.join(directory, "bin"), 0o755)
        os.symlink(os.path.abspath(trace), os.path.join(directory, "bin", "trace"))
        if options.restriction == "no_proc":
            if os.geteuid() != 0:
                print("SKIP: a mount namespace that hides /proc needs root")
                return SKIP
            probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o mode=0555 none /proc"],
                                   capture_output=True, text=True, check=False)
            if probe.returncode != 0:  # e.g. in a chroot, whose root is no mount point
                print(f"SKIP: no private mount namespace here: {probe.stderr.strip()}")
                return SKIP
            # A private mount namespace (unshare's default propagation) with an empty tmpfs on /proc:
            # trace and the programs it starts see no /proc; the harness and a -p tracee still do.
            inner = 'mount -t tmpfs -o mode=0555 none /proc && exec "$0" "$@"'
            wrapper = write_wrapper(directory, [f"exec unshare -m sh -c {shlex.quote(inner)} trace \"$@\""])
        else:
            helper = os.path.abspath(options.helper)
            wrapper = write_wrapper(directory, [f"exec {shlex.quote(helper)} {shlex.join(rules)} -- trace \"$@\""])
        command = run_case + ["--tracer", wrapper] + cases
        print(f"+ {shlex.join(command)}", flush=True)
        status = subprocess.run(command, check=False).returncode
        return worst(status, run_scenarios([], scenarios, wrapper, options.progs))


if __name__ == "__main__":
    sys.exit(main())
