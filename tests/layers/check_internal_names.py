#!/usr/bin/env python3
"""The unity build (TRACE_UNITY_BUILD) compiles a dozen of a layer's files as one. A name a file keeps
to itself (in its anonymous namespace) then meets the names of the files before it: the same name with
the same signature fails to compile, but with another signature it silently becomes an overload, and a
call may pick the other file's function. So a file's internal names must be unique within its layer,
and distinct from every name the headers it may see declare.
Usage: check_internal_names.py SOURCE_DIR"""
import os
import re
import sys

from check_layers import SEES

KEYWORDS = {"return", "if", "for", "while", "switch", "case", "else", "do", "sizeof", "static_assert",
            "decltype", "throw", "operator", "new", "delete", "namespace", "alignas", "noexcept"}
NAME_PATTERNS = [
    # A function: "Value name(", "template <...> [[noreturn]] void name(".
    re.compile(r"^(?:template\s*<.*>\s*)?(?:\[\[\w+\]\]\s*)?(?:(?:static|inline|constexpr|const|unsigned)\s+)*"
               r"[A-Za-z_][\w:<>,*& ]*?[\s*&]([a-z_]\w*)\s*\("),
    re.compile(r"^(?:struct|class|union|enum(?:\s+class)?)\s+(\w+)"),
    re.compile(r"^using\s+(\w+)\s*="),
    # A constant or variable: "constexpr std::uint64_t kPage = ...", "const char* const kNames[] = ...".
    re.compile(r"^(?:inline\s+)?(?:static\s+)?(?:constexpr|const)\s+[\w:<>,*& ]+?[\s*&](\w+)\s*(?:\[[^\]]*\])?\s*[={]"),
]


def code_lines(path):
    """The file's lines without comments and string or character literals."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    lines = []
    for line in text.split("\n"):
        line = re.sub(r'"(?:\\.|[^"\\])*"', '""', line)
        line = re.sub(r"'(?:\\.|[^'\\])*'", "''", line)
        lines.append(line.split("//", 1)[0])
    return lines


def declared_names(path, anonymous_only):
    """Names declared directly in a namespace: in the anonymous one only, or in any."""
    names = {}
    depth = 0
    # The depths at which a namespace body is open, and whether it is anonymous.
    namespaces = []
    for number, line in enumerate(code_lines(path), 1):
        stripped = line.strip()
        in_namespace = namespaces and namespaces[-1][0] == depth
        wanted = in_namespace and (namespaces[-1][1] or not anonymous_only)
        if wanted and stripped and not stripped.startswith("#"):
            for pattern in NAME_PATTERNS:
                m = pattern.match(stripped)
                if m and m.group(1) not in KEYWORDS:
                    names.setdefault(m.group(1), number)
                    break
        opening = re.match(r"^namespace\s*([\w:]*)\s*\{", stripped)
        for ch in line:
            if ch == "{":
                depth += 1
                if opening:
                    namespaces.append((depth, opening.group(1) == ""))
                    opening = None
            elif ch == "}":
                if namespaces and namespaces[-1][0] == depth:
                    namespaces.pop()
                depth -= 1
    return names


def files(directory, suffix):
    if not os.path.isdir(directory):
        return []
    return [os.path.join(directory, n) for n in sorted(os.listdir(directory)) if n.endswith(suffix)]


def problems(src):
    found = []
    for layer, seen in SEES.items():
        public = {}
        for other in seen:
            for header in files(os.path.join(src, "include", "trace", other), ".hpp"):
                for name, number in declared_names(header, anonymous_only=False).items():
                    public.setdefault(name, f"{os.path.relpath(header, src)}:{number}")
        internal = {}
        for source in files(os.path.join(src, "src", layer), ".cpp"):
            where = os.path.relpath(source, src)
            for name, number in declared_names(source, anonymous_only=True).items():
                if name in public:
                    found.append(f"{where}:{number}: '{name}' is also declared at {public[name]}")
                elif name in internal:
                    found.append(f"{where}:{number}: '{name}' is also internal to {internal[name]}")
                else:
                    internal[name] = f"{where}:{number}"
    return found


def main():
    found = problems(sys.argv[1])
    for p in found:
        print(p)
    if found:
        print(f"{len(found)} internal name(s) a unity build could confuse: rename them, or share one "
              "definition in a header")
        return 1
    print("internal names are unique within their layers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
