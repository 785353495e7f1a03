#!/usr/bin/env python3
"""Checks that run_case.py fails when it should: fake tracers print canned output (or hang, or leave
a stopped process behind) and each scenario must give the expected verdict."""

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PASS, FAIL, SKIP = 0, 1, 77

ALIGNED = 'close(3)                                = 0\n+++ exited with 0 +++\n'
FOLLOW = (
    "100   clone(child_stack=NULL, flags=SIGCHLD) = 101\n"
    "101   getppid()                         = 100\n"
    "100   wait4(101,  <unfinished ...>\n"
    "101   exit_group(7)                     = ?\n"
    "101   +++ exited with 7 +++\n"
    "100   <... wait4 resumed>NULL, 0, NULL) = 101\n"
    "100   +++ exited with 0 +++\n"
)
FOLLOW_CASE = (
    "RUN: -f prog\n"
    "EXPECT[parent]: clone(child_stack=NULL, flags=SIGCHLD){pad}= {pid=child}\n"
    "EXPECT[child]: getppid(){pad}= {pid=parent}\n"
    "EXPECT[parent]: wait4({pid=child}, NULL, 0, NULL){pad}= {pid=child}\n"
    "EXPECT[child]: +++ exited with 7 +++\n"
)

# Once only one tracee is left, strace prints no "[pid N] " prefix, also on a "resumed" line whose
# "<unfinished ...>" part had one: the two still make one call.
LAST_RESUMED = (
    "[pid   100] read(3,  <unfinished ...>\n"
    "[pid   101] exit(0)                     = ?\n"
    "[pid   101] +++ exited with 0 +++\n"
    "<... read resumed>\"x\", 1)" + " " * 15 + "= 1\n"
    "+++ exited with 0 +++\n"
)
LAST_RESUMED_CASE = "RUN: -f prog\nOUTPUT: stderr\nEXPECT: read(3, \"x\", 1){pad}= 1\nEXPECT: +++ exited with 0 +++\n"

# name, tracer script body (after the shebang; $2 is the -o file), case body, expected verdict
SCENARIOS = [
    ("aligned", "cat > \"$2\" <<'EOF'\n" + ALIGNED + "EOF\n", "EXPECT: close({n}){pad}= 0\n", PASS),
    ("misaligned", "printf 'close(3)                               = 0\\n' > \"$2\"\n",
     "EXPECT: close({n}){pad}= 0\n", FAIL),
    ("literal-spaces", "cat > \"$2\" <<'EOF'\n" + ALIGNED + "EOF\n", "EXPECT: close(3) = 0\n", FAIL),
    ("follow", "cat > \"$2\" <<'EOF'\n" + FOLLOW + "EOF\n", FOLLOW_CASE, PASS),
    ("follow-wrong-pid", "cat > \"$2\" <<'EOF'\n" + FOLLOW.replace("= 100", "= 102") + "EOF\n", FOLLOW_CASE,
     FAIL),
    ("bad-prefix", "cat > \"$2\" <<'EOF'\n" + FOLLOW.replace("101   getppid", "101 getppid") + "EOF\n",
     FOLLOW_CASE, FAIL),
    ("last-resumed", "cat >&2 <<'EOF'\n" + LAST_RESUMED + "EOF\n", LAST_RESUMED_CASE, PASS),
    ("last-resumed-other-call", "cat >&2 <<'EOF'\n" + LAST_RESUMED.replace("read resumed", "write resumed") + "EOF\n",
     LAST_RESUMED_CASE, FAIL),
    ("not", "cat > \"$2\" <<'EOF'\n" + ALIGNED + "EOF\n", "NOT: close{any}\n", FAIL),
    ("expect-all-extra", "cat > \"$2\" <<'EOF'\n" + ALIGNED + "EOF\n", "EXPECT-ALL: +++ exited with 0 +++\n", FAIL),
    ("exit-code", "exit 3\n", "EXIT: 0\n", FAIL),
    ("exit-signal", "kill -TERM $$\n", "EXIT: SIGTERM\n", PASS),
    ("stderr", "echo \"$(basename \"$0\"): oops\" >&2; exit 1\n", "EXIT: nonzero\nSTDERR-ALL: {tracer}: oops\n", PASS),
    ("hang", "sleep 60\n", "TIMEOUT: 1\n", FAIL),
    ("left-stopped", "sh -c 'kill -STOP $$' &\nsleep 0.2\n", "", FAIL),
    ("skip", "exit 0\n", "REQUIRES: " + ("nonroot" if os.geteuid() == 0 else "root") + "\n", SKIP),
]


def main():
    failures = 0
    with tempfile.TemporaryDirectory(prefix="integ-selftest-") as tmp:
        for name, script, body, expected in SCENARIOS:
            tracer = os.path.join(tmp, f"fake-{name}")
            with open(tracer, "w", encoding="utf-8") as f:
                f.write("#!/bin/sh\n" + script)
            os.chmod(tracer, 0o755)
            case = os.path.join(tmp, f"{name}.case")
            with open(case, "w", encoding="utf-8") as f:
                f.write(body if body.startswith("RUN:") else "RUN: prog\n" + body)
            result = subprocess.run([sys.executable, os.path.join(HERE, "run_case.py"), "--tracer", tracer,
                                     "--progs", tmp, case], capture_output=True, text=True, timeout=50)
            ok = result.returncode == expected
            failures += not ok
            print(f"{'ok' if ok else 'WRONG'}: {name}: exit {result.returncode}, expected {expected}")
            if not ok:
                print(result.stdout + result.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
