#pragma once
// Everything the command line says, parsed and checked. Produced by parse_options(); read by main.
#include "trace/decode/decoder.hpp"
#include "trace/report/value_printer.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace trace {

enum class TimestampMode : std::uint8_t { none, seconds, micros, epoch }; // -t, -tt, -ttt

enum class ConstStyle : std::uint8_t { abbrev, raw, verbose }; // -X

// --output-format: strace's text, or one JSON object per line (--json).
enum class OutputFormat : std::uint8_t { text, json };

// Precision of a printed time: the number of digits after the seconds (0, 3, 6, 9).
enum class TimePrecision : std::uint8_t { s, ms, us, ns };

// --absolute-timestamps=format:...: wall clock time of day, or seconds since the epoch.
enum class TimestampFormat : std::uint8_t { none, time, unix_epoch };

// --strings-in-hex: non_ascii_chars prints only the escapes in hex (\x07 instead of \7).
enum class StringsInHex : std::uint8_t { none, non_ascii_chars, non_ascii, all };

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

struct Options {
    // what to run or attach to
    std::vector<std::string> command;
    std::vector<pid_t> attach_pids;
    std::string run_as_user;                              // -u
    std::vector<std::string> env_changes;                 // -E VAR=VAL or -E VAR (unset)
    std::string argv0;                                    // --argv0: argv[0] of the command
    DaemonizeMode daemonize = DaemonizeMode::none;        // -D
    InterruptMode interruptible = InterruptMode::waiting; // -I (the default depends on -o, -D)
    bool kill_on_exit = false;                            // --kill-on-exit

    // what to trace
    bool follow_forks = false;                  // -f
    bool output_separately = false;             // -ff (only with -o, as in strace)
    SyscallSet trace_set;                       // -e trace=
    SignalSet signal_set;                       // -e signal=
    StatusFilter status;                        // -e status=, -z, -Z
    bool seccomp_bpf = false;                   // --seccomp-bpf
    bool cpu_placement = false;                 // --cpu-placement=auto|none (visible: off by default)
    bool no_seccomp = false;                    // --no-seccomp-bpf: never use the filter (on by default with -f and -e trace=)
    std::vector<std::string> trace_paths;       // -P
    std::optional<FdSet> trace_fds;             // -e trace-fds= (unset: no such filter)
    bool detach_on_execve = false;              // -b execve
    std::optional<std::uint64_t> syscall_limit; // --syscall-limit
    std::vector<InjectRule> injections;         // -e inject=, -e fault=

    // how to print
    std::string output_file;                        // -o ("|cmd" or "!cmd": pipe to a command)
    bool output_append = false;                     // -A
    TimestampMode timestamps = TimestampMode::none; // summary of the two fields below
    TimestampFormat timestamp_format = TimestampFormat::none;
    TimePrecision timestamp_precision = TimePrecision::s;
    bool relative_timestamps = false; // -r
    TimePrecision relative_precision = TimePrecision::us;
    bool syscall_times = false; // -T
    TimePrecision syscall_times_precision = TimePrecision::us;
    bool instruction_pointer = false; // -i
    bool syscall_number = false;      // -n
    bool always_show_pid = false;     // --always-show-pid
    int quiet = 0;                    // -q, -qq, -qqq (a summary: quiet_set is exact)
    QuietSet quiet_set;               // -q, -e quiet=
    XMode xmode = XMode::none;        // -x, -xx, --strings-in-hex
    StringsInHex strings_in_hex = StringsInHex::none;
    ConstStyle const_style = ConstStyle::abbrev;
    int decode_fds = 0;                         // -y, -yy: 0 nothing, 1 paths, 2 more than paths
    DecodeFdSet decode_fd_set;                  // -y, -yy, -e decode-fds= (exact)
    DecodePidSet decode_pids;                   // -Y, --decode-pids=
    int column = 40;                            // -a: column of '=' alignment
    DecodeOptions decode;                       // -s, -v (verbose: no syscall abbreviated)
    SyscallSet abbrev_set;                      // -e abbrev= (default all; -v: none)
    SyscallSet verbose_set;                     // -e verbose= (default all)
    SyscallSet raw_set = SyscallSet{{}, false}; // -e raw= (default none)
    FdSet read_fds;                             // -e read=
    FdSet write_fds;                            // -e write=

    // summary (-c, -C, -S, -U, -w, -O)
    bool summary_only = false; // -c
    bool summary = false;      // -C (with the trace)
    // -S: time, min-time, max-time, avg-time, calls, errors, name, nothing
    std::string summary_sort = "time";
    // -U: time-percent, total-time, min-time, max-time, avg-time, calls, errors, name; empty: default
    std::vector<std::string> summary_columns;
    bool summary_wall_clock = false;              // -w
    std::chrono::nanoseconds summary_overhead{0}; // -O
    bool summary_per_pid = false;                 // --summary-per-pid: one table per process
    std::chrono::nanoseconds summary_interval{0}; // --summary-interval=SECONDS, 0: none
    bool summary_errors = false;                  // --summary-errors: errno counts of failed calls

    // reporters beyond strace
    std::vector<int> hide_errnos;                    // --hide-errno=LIST, --hide-eagain: not shown
    bool hide_empty_polls = false;                   // --hide-empty-polls: polls that timed out
    bool fd_stats = false;                           // --fd-stats: per-fd byte accounting at the end
    bool stats = false;                              // --stats: histograms and analyses at the end
    OutputFormat output_format = OutputFormat::text; // --json, --output-format=json

    // stack traces (-k)
    bool stack_trace = false;
    int stack_frame_limit = 256; // --stack-trace-frame-limit, --stack-trace-depth
    SyscallSet stack_set;        // -e stack=: the calls whose stack is shown (default: every traced one)
    bool demangle = true;        // --demangle / --no-demangle: C++ names in stacks

    int debug = 0; // -d

    std::string program_name = "trace"; // argv[0]: the prefix of every diagnostic
};

// Parses argv. On a bad command line throws UsageError with the one-line message to print
// (without the "ARGV0: " prefix). --help and -V print and exit(0) from here; warnings
// (an option with no effect) are printed to stderr as "ARGV0: ..." before returning.
Options parse_options(int argc, char** argv);

// argv[0], as the prefix of diagnostics ("trace" when there is none).
std::string program_name(int argc, char** argv);

} // namespace trace
