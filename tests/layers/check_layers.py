#!/usr/bin/env python3
"""The layer rules of cmake/layers.cmake, checked two ways: every #include in src/LAYER and
include/trace/LAYER names only a layer that LAYER may see, and the build gives each library an include
root that holds exactly those layers (so a forbidden include cannot compile).
With a compiler, also that a forbidden include fails to compile where an allowed one compiles.
And that decode makes no text: none of its files includes fmt (ARCHITECTURE.md: the printers do).
Usage: check_layers.py SOURCE_DIR BUILD_DIR [CXX]"""
import os
import re
import subprocess
import sys

SEES = {
    "syscalls": {"syscalls"},
    "decode": {"decode", "syscalls"},
    "events": {"events", "decode", "syscalls"},
    "engine": {"engine", "events", "decode", "syscalls", "util"},
    "report": {"report", "events", "decode", "syscalls", "util"},
    "cli": {"cli", "report", "events", "decode", "syscalls", "util"},
    "util": {"util"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"trace/([a-z_]+)/')
FMT_INCLUDE = re.compile(r'^\s*#\s*include\s+[<"]fmt/')
NO_FMT = ("decode",)


def layer_lines(src, layer):
    """(path, line number, line) of every file in src/LAYER and include/trace/LAYER."""
    for top in (os.path.join(src, "src", layer), os.path.join(src, "include", "trace", layer)):
        if not os.path.isdir(top):
            continue
        for name in sorted(os.listdir(top)):
            path = os.path.join(top, name)
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    yield path, number, line


def source_problems(src):
    problems = []
    for layer, allowed in SEES.items():
        for path, number, line in layer_lines(src, layer):
            m = INCLUDE.match(line)
            if m and m.group(1) not in allowed:
                problems.append(f"{os.path.relpath(path, src)}:{number}: the {layer} layer includes "
                                f"trace/{m.group(1)}/ (it may see {', '.join(sorted(allowed))})")
    return problems


def fmt_problems(src):
    problems = []
    for layer in NO_FMT:
        for path, number, line in layer_lines(src, layer):
            if FMT_INCLUDE.match(line):
                problems.append(f"{os.path.relpath(path, src)}:{number}: the {layer} layer includes fmt "
                                "(decoders make Values; the printers make text)")
    return problems


def build_problems(build):
    problems = []
    for layer, allowed in SEES.items():
        root = os.path.join(build, "layers", layer, "trace")
        if layer in ("events", "util"):
            continue  # header-only: no library, no root
        if not os.path.isdir(root):
            problems.append(f"{root}: missing (cmake/layers.cmake makes it)")
            continue
        present = set(os.listdir(root))
        if present != allowed:
            problems.append(f"{root} holds {sorted(present)}, expected {sorted(allowed)}")
    return problems


def compile_problems(build, cxx):
    """The engine's root compiles an allowed header and refuses trace/report/."""
    def compiles(header):
        run = subprocess.run([cxx, "-std=c++20", "-fsyntax-only", "-x", "c++", "-",
                              "-I" + os.path.join(build, "layers", "engine")],
                             input=f'#include "{header}"\n', capture_output=True, text=True)
        return run.returncode == 0, run.stderr
    problems = []
    ok, err = compiles("trace/events/time.hpp")
    if not ok:
        problems.append("the engine's include root cannot compile trace/events/time.hpp: " + err.strip())
    ok, err = compiles("trace/report/reporter.hpp")
    if ok:
        problems.append("the engine's include root compiles trace/report/reporter.hpp: the rule is not enforced")
    elif "No such file" not in err:
        problems.append("trace/report/reporter.hpp failed for another reason than a missing file: " + err.strip())
    return problems


def main():
    src, build = sys.argv[1], sys.argv[2]
    problems = source_problems(src) + fmt_problems(src) + build_problems(build)
    if len(sys.argv) > 3:
        problems += compile_problems(build, sys.argv[3])
    for p in problems:
        print(p)
    if problems:
        return 1
    print("layer rules hold: includes by grep, no fmt in decode, include roots by the build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
