#!/usr/bin/env python3
"""Checks world_diff.py on made-up probe outputs: what tracing may change (TracerPid, trace's filter
while it traces, the job's pid) passes, and everything else, the same filter after detach included,
fails with its explanation. Exit status 0 when every check holds."""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import world_diff  # noqa: E402

WORLD = {"TracerPid": "0", "NoNewPrivs": "0", "Seccomp": "0", "Seccomp_filters": "0", "SigIgn": "0000000000001001",
         "affinity": "0,1", "pgid": "JOB", "sid": "JOB", "syscall.openat": "ok", "own_filter.trace_getppid": "ENOSYS"}


class Run:
    def __init__(self, sections, job_pid=100, stderr=(), status="exit 0"):
        self.lines = [f"{prefix}{key}: {value.replace('JOB', str(job_pid))}"
                      for prefix, world in sections.items() for key, value in world.items()]
        self.stderr = list(stderr)
        self.status = status
        self.job_pid = job_pid
        self.notes = []
        self.leftovers = []


def world(**changes):
    return {**WORLD, **changes}


def fields(differences):
    return sorted(d.key for d in differences)


def main():
    untraced = Run({"": world(), "child.": world()})
    checks = []

    def check(name, traced, expected_keys, cause=None):
        got = world_diff.compare(untraced, traced)
        ok = fields(got) == sorted(expected_keys) and (cause is None or any(d.cause == cause for d in got))
        world_diff.format_report(name, untraced, traced, got)  # must not raise
        checks.append((name, ok, fields(got)))

    check("identical, another job pid", Run({"": world(), "child.": world()}, job_pid=200), [])
    check("trace's filter while traced",
          Run({"": world(TracerPid="7", Seccomp="2", Seccomp_filters="1"), "child.": world()}), [])
    check("trace's filter after detach", Run({"": world(), "child.": world(Seccomp="2", Seccomp_filters="1")}),
          ["child.Seccomp", "child.Seccomp_filters"])
    check("no_new_privs while traced", Run({"": world(TracerPid="7", NoNewPrivs="1"), "child.": world()}),
          ["NoNewPrivs"])
    check("ENOSYS after detach", Run({"": world(), "child.": world(**{"syscall.openat": "ENOSYS"})}),
          ["child.syscall.openat"])
    check("own filter taken for trace's", Run({"": world(TracerPid="7", **{"own_filter.trace_getppid": "ok"}),
                                               "child.": world()}), ["own_filter.trace_getppid"])
    check("ignored signals lost", Run({"": world(TracerPid="7", SigIgn="0"), "child.": world()}), ["SigIgn"])
    check("placement visible", Run({"": world(), "child.": world(affinity="1")}), ["child.affinity"])
    check("another process group", Run({"": world(pgid="5"), "child.": world()}), ["pgid"])
    check("child never ran", Run({"": world()}, stderr=["x: error while loading shared libraries: Error 38"],
                                 status="exit 127"),
          ["child." + key for key in WORLD if key != "TracerPid"] + ["exit status", "stderr"],
          cause=world_diff.LOADER_ENOSYS)
    failed = [c for c in checks if not c[1]]
    for name, ok, got in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f": differences {got}"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
