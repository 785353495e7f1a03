"""Compares two outputs of tests/progs/world_probe (untraced and traced) and explains the differences.

A probe's output is "key: value" lines; the world of one process is a section of them, the keys with
one prefix ("", "child.", "during.shchild." ...), and its TracerPid line says whether it was traced
when it printed. invariance.py gives compare() two runs (lines, stderr, status, the job's pid).
"""

import re

# Differences allowed only while the process is traced: trace's own seccomp filter.
FILTER_FIELDS = ("Seccomp", "Seccomp_filters")
IGNORED_FIELDS = ("TracerPid",)

# (pattern on the field name, explanation): the first that matches explains a difference.
CAUSES = [
    (r"^syscall\.", "a raw syscall behaves differently: with ENOSYS, a seccomp filter asking for a tracer "
                    "(trace's) is on a process that nobody traces for it any more"),
    (r"^(fds|proc_status)$", "the probe could not read /proc/self: a call it makes failed (ENOSYS: see the raw syscalls)"),
    (r"^Seccomp", "trace's seccomp filter is still on a process that was not traced when it printed: "
                  "the filter outlived tracing"),
    (r"^NoNewPrivs$", "no_new_privs differs: trace set it (to install its filter without CAP_SYS_ADMIN), so "
                      "setuid programs started under trace lose their privileges"),
    (r"^own_filter\.", "the program's own SECCOMP_RET_TRACE filter behaves differently: the call that fails "
                       "with ENOSYS untraced was taken for a stop of trace's filter (or the reverse)"),
    (r"^(affinity|nproc|Cpus_allowed_list|Mems_allowed_list)$",
     "CPU placement is visible: the process does not get the CPUs it would have had untraced"),
    (r"^(nice|sched|ioprio)$", "scheduling (nice, policy, I/O priority) differs"),
    (r"^(SigIgn|sigaction\.ignored)$", "ignored signals differ: the caller's ignored signals (SIGHUP and "
                                       "SIGPIPE) were not inherited, or trace's own dispositions were"),
    (r"^(SigBlk|sigprocmask\.blocked)$", "the signal mask differs: the caller's blocked signal (SIGUSR2) was "
                                         "not inherited, or trace's own mask was"),
    (r"^(SigCgt|sigaction\.caught)$", "the process has signal handlers it would not have untraced"),
    (r"^(SigPnd|ShdPnd)$", "a signal is left pending"),
    (r"^(Uid|Gid|Groups|Cap...)$", "credentials or capabilities differ"),
    (r"^rlimit\.|^umask$", "resource limits or the umask differ"),
    (r"^(pgid|sid|tty)$", "process group, session or terminal differ (JOB: the process the caller started)"),
    (r"^(environ|env\.)", "the environment differs"),
    (r"^fd\.", "open descriptors differ: trace leaked one into the program, closed one, or changed its flags"),
    (r"^(cwd|personality|oom_score_adj|prctl\.)", "process attributes differ"),
    (r"^spawned\.", "a child of the probe did not run as untraced (its stderr is below)"),
    (r"^exit status$", "the command's exit status (trace's, when traced) differs"),
    (r"^stderr$", "the probe's stderr differs"),
]
MISSING = "lines missing from the traced run: that process failed before it printed them (see its stderr)"
LOADER_ENOSYS = ("a child died in the dynamic loader with Error 38 (ENOSYS): a seccomp filter asking for a tracer "
                 "(trace's) is on a process that nobody traces for it: the filter outlived tracing")


def parse(lines):
    """Ordered (key, value) pairs; a line without ': ' is a key with an empty value."""
    pairs = []
    for text in lines:
        key, sep, value = text.partition(": ")
        if not sep and text.endswith(":"):
            key, value = text[:-1], ""
        pairs.append((key, value))
    return pairs


def sections(pairs):
    """The prefixes of the worlds printed (each has a TracerPid line)."""
    return {key[: -len("TracerPid")] for key, _ in pairs if key.endswith("TracerPid")}


def section_of(key, prefixes):
    return max((p for p in prefixes if key.startswith(p)), key=len, default="")


def normalized(run):
    """The probe's pairs with the pid of the job its caller started written JOB (pgid and sid)."""
    out = []
    for key, value in parse(run.lines):
        if key.endswith(("pgid", "sid")) and value == str(run.job_pid):
            value = "JOB"
        out.append((key, value))
    return out


def cause_of(field):
    for pattern, text in CAUSES:
        if re.search(pattern, field):
            return text
    return None


def filter_allowed(field, untraced, traced):
    """Trace's own filter while tracing: mode 2 and more filters than untraced, nothing else."""
    if field == "Seccomp":
        return traced == "2"
    try:
        return int(traced) >= int(untraced)
    except (TypeError, ValueError):
        return False


class Difference:
    def __init__(self, key, field, section, untraced, traced, traced_when_printed):
        self.key = key
        self.field = field
        self.section = section
        self.untraced = untraced
        self.traced = traced
        self.traced_when_printed = traced_when_printed
        if traced is None:
            self.cause = MISSING
        elif "ENOSYS" in traced and "ENOSYS" not in (untraced or ""):  # whatever the probe was reading
            self.cause = cause_of("syscall.")
        else:
            self.cause = cause_of(field)


def compare(untraced_run, traced_run):
    """The differences between the two runs that tracing must not make."""
    untraced = normalized(untraced_run)
    traced = normalized(traced_run)
    prefixes = sections(untraced) | sections(traced)
    before = dict(untraced)
    after = dict(traced)
    keys = [k for k, _ in untraced] + [k for k, _ in traced if k not in before]
    differences = []
    for key in keys:
        section = section_of(key, prefixes)
        field = key[len(section):]
        if field in IGNORED_FIELDS:
            continue
        u, t = before.get(key), after.get(key)
        tracer = after.get(section + "TracerPid")
        traced_when_printed = None if tracer is None else tracer != "0"
        if u == t:
            continue
        if field in FILTER_FIELDS and traced_when_printed and u is not None and filter_allowed(field, u, t):
            continue
        differences.append(Difference(key, field, section, u, t, traced_when_printed))
    if None not in (untraced_run.status, traced_run.status) and untraced_run.status != traced_run.status:
        differences.append(Difference("exit status", "exit status", None, untraced_run.status, traced_run.status, None))
    if untraced_run.stderr != traced_run.stderr:
        stderr = Difference("stderr", "stderr", None, " | ".join(untraced_run.stderr), " | ".join(traced_run.stderr),
                            None)
        if "Error 38" in stderr.traced and "Error 38" not in stderr.untraced:
            stderr.cause = LOADER_ENOSYS
        differences.append(stderr)
    return differences


def shown(value):
    return "(missing)" if value is None else repr(value)


def format_report(mode, untraced, traced, differences):
    out = []
    for note in traced.notes + untraced.notes:
        out.append(f"note: {note}")
    for leftover in untraced.leftovers + traced.leftovers:
        out.append(f"FAIL: {mode}: {leftover} (killed)")
    if not differences and (untraced.leftovers or traced.leftovers):
        return "\n".join(out)
    if not differences:
        out.append(f"PASS: {mode}: the traced probe and its children saw the untraced world")
        return "\n".join(out)
    out.append(f"FAIL: {mode}: {len(differences)} line(s) differ from the untraced run")
    causes = []
    by_section = {}
    for d in differences:
        by_section.setdefault(d.section, []).append(d)
    for section, items in by_section.items():
        if section is None:
            out.append("  the run as a whole:")
        else:
            state = {True: "traced when it began printing", False: "NOT traced when it printed (trace had let go)",
                     None: "no TracerPid line (it could not read /proc/self/status, or did not run)"}
            name = f"process {section!r}" if section else "the probe"
            out.append(f"  {name}: {state[items[0].traced_when_printed]}")
        missing = [d for d in items if d.traced is None]
        if len(missing) > 8:
            out.append(f"    {len(missing)} lines missing from the traced run, from {missing[0].key!r} on")
            items = [d for d in items if d.traced is not None] + missing[:1]
        for d in items:
            tag = ""
            if d.cause:
                if d.cause not in causes:
                    causes.append(d.cause)
                tag = f"  [{causes.index(d.cause) + 1}]"
            out.append(f"    {d.key}: untraced {shown(d.untraced)}, traced {shown(d.traced)}{tag}")
    out.append("  likely causes:")
    for number, cause in enumerate(causes, 1):
        out.append(f"    [{number}] {cause}")
    if traced.stderr:
        out.append("  the traced probe's stderr:")
        out.extend("    " + text for text in traced.stderr[:20])
    return "\n".join(out)
