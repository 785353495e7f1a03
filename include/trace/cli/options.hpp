#pragma once
// Everything the command line says, parsed and checked. Produced by parse_options(); read by main.
#include "trace/report/value_printer.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace trace {

enum class ConstStyle : std::uint8_t { abbrev, raw, verbose }; // -X

// --output-format: strace's text, or one JSON object per line (--json).
enum class OutputFormat : std::uint8_t { text, json };

// Precision of a printed time: the number of digits after the seconds (0, 3, 6, 9).
enum class TimePrecision : std::uint8_t { s, ms, us, ns };

// --absolute-timestamps=format:...: wall clock time of day, or seconds since the epoch.
enum class TimestampFormat : std::uint8_t { none, time, unix_epoch };

// -D, -DD, -DDD, --daemonize=grandchild|pgroup|session
enum class DaemonizeMode : std::uint8_t { none, grandchild, pgroup, session };

// -I: when fatal signals to the tracer are blocked.
enum class InterruptMode : std::uint8_t { anywhere = 1, waiting = 2, never = 3, never_tstp = 4 };

// Which exit statuses of a call are printed (-e status=, -z, -Z).
struct StatusFilter {
    bool successful = true;
    bool failed = true;
    bool unfinished = true;
    bool unavailable = true;
    bool detached = true;
    bool all() const { return successful && failed && unfinished && unavailable && detached; }
};

// A set of syscall numbers (indexes into a bitmap over the table's numbers).
// Default-constructed it holds every number.
struct SyscallSet {
    std::vector<bool> bits;    // one per syscall number
    bool match_unknown = true; // numbers the table does not know
    bool contains(long nr) const {
        if (nr < 0) return false;
        auto n = static_cast<std::size_t>(nr);
        return n < bits.size() ? bits[n] : match_unknown;
    }
    bool everything() const;
    bool empty() const; // holds no number at all
};

struct SignalSet {
    std::vector<bool> bits = std::vector<bool>(65, true); // index = signal number
    bool contains(int sig) const { return sig >= 0 && sig < 65 && bits[static_cast<std::size_t>(sig)]; }
};

// A set of file descriptors (-e read=, -e write=, -e trace-fds=). Default: no descriptor.
struct FdSet {
    std::vector<int> fds;  // sorted, unique
    bool inverted = false; // true: every descriptor except fds
    bool contains(int fd) const;
    bool empty() const { return !inverted && fds.empty(); }
};

// Informational messages suppressed by -q, -qq, -qqq, -e quiet=.
struct QuietSet {
    bool attach = false;          // "Process N attached/detached"
    bool exit = false;            // "+++ exited with N +++"
    bool path_resolution = false; // "Requested path ... resolved into ..."
    bool personality = false;     // "[ Process PID=N runs in 32 bit mode. ]"
    bool thread_execve = false;   // "+++ superseded by execve in pid N +++"
};

// What is printed about file descriptors (-y, -yy, -e decode-fds=).
struct DecodeFdSet {
    bool path = false;
    bool socket = false;
    bool dev = false;
    bool pidfd = false;
    bool eventfd = false;
    bool signalfd = false;
    bool any() const { return path || socket || dev || pidfd || eventfd || signalfd; }
};

// What is printed about process ids (-Y, --decode-pids=).
struct DecodePidSet {
    bool pidns = false; // the PID in the tracer's namespace too
    bool comm = false;  // the command name after the PID
};

// One byte string written into the tracee's memory at argument `arg` (1..7) by -e inject=...:poke_*=.
struct Poke {
    int arg = 1;
    std::vector<std::uint8_t> data;
};

inline constexpr std::uint16_t kInjectLastInf = 0xffff;

// One -e inject= or -e fault= rule. Later rules replace earlier ones for the syscalls they name.
struct InjectRule {
    SyscallSet syscalls;
    std::optional<int> error;            // errno to return (positive)
    std::optional<std::uint64_t> retval; // value to return instead
    int signal = 0;                      // signal to deliver, 0: none
    std::optional<int> syscall;          // number of the (pure) syscall run instead
    std::optional<std::chrono::nanoseconds> delay_enter;
    std::optional<std::chrono::nanoseconds> delay_exit;
    std::vector<Poke> poke_enter;
    std::vector<Poke> poke_exit;
    // Which invocations are tampered with: first, then every step-th up to last (step 0: only first).
    std::uint16_t first = 1;
    std::uint16_t last = kInjectLastInf;
    std::uint16_t step = 1;
};

// What to run or attach to, and how (-p, -u, -E, --argv0, -D, -I, --kill-on-exit).
struct RunOptions {
    std::vector<std::string> command;
    std::vector<pid_t> attach_pids;                       // -p
    std::string user;                                     // -u
    std::vector<std::string> env_changes;                 // -E VAR=VAL or -E VAR (unset)
    std::string argv0;                                    // --argv0: argv[0] of the command
    DaemonizeMode daemonize = DaemonizeMode::none;        // -D
    InterruptMode interruptible = InterruptMode::waiting; // -I (the default depends on -o, -D)
    bool kill_on_exit = false;                            // --kill-on-exit
};

// Which processes and calls are traced and shown (-f, -e trace=, -e signal=, -e status=, -z, -Z, -P).
struct FilterOptions {
    bool follow_forks = false;      // -f
    SyscallSet syscalls;            // -e trace=
    SignalSet signals;              // -e signal=
    StatusFilter status;            // -e status=, -z, -Z
    std::vector<std::string> paths; // -P
    std::optional<FdSet> fds;       // -e trace-fds= (unset: no such filter)
};

// What the engine does beyond stopping at the calls (-b, --syscall-limit, -e inject=, seccomp, -d).
struct EngineOptions {
    bool detach_on_execve = false;              // -b execve
    std::optional<std::uint64_t> syscall_limit; // --syscall-limit
    std::vector<InjectRule> injections;         // -e inject=, -e fault=
    bool seccomp_bpf = false;                   // --seccomp-bpf
    bool no_seccomp = false; // --no-seccomp-bpf: never use the filter (on by default with -f and -e trace=)
    bool cpu_placement = false; // --cpu-placement=auto|none (visible: off by default)
    int debug = 0;              // -d
};

// Stack traces (-k).
struct StackOptions {
    bool enabled = false;
    int frame_limit = 256; // --stack-trace-frame-limit, --stack-trace-depth
    SyscallSet calls;      // -e stack=: the calls whose stack is shown (default: every traced one)
    bool demangle = true;  // --demangle / --no-demangle: C++ names in stacks
};

// How one call is printed.
struct FormatOptions {
    TimestampFormat timestamp_format = TimestampFormat::none; // -t, -tt, -ttt, --absolute-timestamps
    TimePrecision timestamp_precision = TimePrecision::s;
    bool relative_timestamps = false; // -r
    TimePrecision relative_precision = TimePrecision::us;
    bool syscall_times = false; // -T
    TimePrecision syscall_times_precision = TimePrecision::us;
    bool instruction_pointer = false;   // -i
    bool syscall_number = false;        // -n
    bool always_show_pid = false;       // --always-show-pid
    XMode strings_in_hex = XMode::none; // -x, -xx, --strings-in-hex
    ConstStyle const_style = ConstStyle::abbrev;
    DecodeFdSet decode_fds;                     // -y, -yy, -e decode-fds=
    DecodePidSet decode_pids;                   // -Y, --decode-pids=
    int column = 40;                            // -a: column of '=' alignment
    std::size_t string_limit = 32;              // -s
    SyscallSet abbrev_set;                      // -e abbrev= (default all; -v: none)
    SyscallSet verbose_set;                     // -e verbose= (default all)
    SyscallSet raw_set = SyscallSet{{}, false}; // -e raw= (default none)
    FdSet read_fds;                             // -e read=
    FdSet write_fds;                            // -e write=
};

// Where the output goes, and what is reported besides the calls.
struct OutputOptions {
    std::string file;                         // -o ("|cmd" or "!cmd": pipe to a command)
    bool append = false;                      // -A
    bool separately = false;                  // -ff (only with -o, as in strace)
    OutputFormat format = OutputFormat::text; // --json, --output-format=json
    QuietSet quiet;                           // -q, -qq, -qqq, -e quiet=
    std::vector<int> hide_errnos;             // --hide-errno=LIST, --hide-eagain: not shown
    bool hide_empty_polls = false;            // --hide-empty-polls: polls that timed out
    bool fd_stats = false;                    // --fd-stats: per-fd byte accounting at the end
    bool stats = false;                       // --stats: histograms and analyses at the end
};

// The call summary (-c, -C, -S, -U, -w, -O).
struct SummaryOptions {
    bool only = false;       // -c
    bool with_trace = false; // -C
    // -S: time, min-time, max-time, avg-time, calls, errors, name, nothing
    std::string sort = "time";
    // -U: time-percent, total-time, min-time, max-time, avg-time, calls, errors, name; empty: default
    std::vector<std::string> columns;
    bool wall_clock = false;              // -w
    std::chrono::nanoseconds overhead{0}; // -O
    bool per_pid = false;                 // --summary-per-pid: one table per process
    std::chrono::nanoseconds interval{0}; // --summary-interval=SECONDS, 0: none
    bool errors = false;                  // --summary-errors: errno counts of failed calls
    bool counting() const { return only || with_trace; }
};

struct Options {
    RunOptions run;
    FilterOptions filter;
    EngineOptions engine;
    StackOptions stack;
    FormatOptions format;
    OutputOptions output;
    SummaryOptions summary;
    std::string program_name = "trace"; // argv[0]: the prefix of every diagnostic
};

// Parses argv. On a bad command line throws UsageError with the one-line message to print
// (without the "ARGV0: " prefix). --help and -V print and exit(0) from here; warnings
// (an option with no effect) are printed to stderr as "ARGV0: ..." before returning.
Options parse_options(int argc, char** argv);

// argv[0], as the prefix of diagnostics ("trace" when there is none).
std::string program_name(int argc, char** argv);

} // namespace trace
