#pragma once
// Everything the command line says, parsed and checked. Produced by parse_options(); read by main.
#include "trace/decode/decoder.hpp"
#include "trace/report/value_printer.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace trace {

enum class TimestampMode : std::uint8_t { none, seconds, micros, epoch }; // -t, -tt, -ttt

enum class ConstStyle : std::uint8_t { abbrev, raw, verbose };             // -X

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
struct SyscallSet {
    std::vector<bool> bits;      // one per syscall number
    bool match_unknown = true;   // numbers the table does not know
    bool contains(long nr) const {
        if (nr < 0) return false;
        auto n = static_cast<std::size_t>(nr);
        return n < bits.size() ? bits[n] : match_unknown;
    }
    bool everything() const;
};

struct SignalSet {
    std::vector<bool> bits = std::vector<bool>(65, true); // index = signal number
    bool contains(int sig) const { return sig >= 0 && sig < 65 && bits[static_cast<std::size_t>(sig)]; }
};

struct Options {
    // what to run or attach to
    std::vector<std::string> command;
    std::vector<pid_t> attach_pids;
    std::string run_as_user;            // -u
    std::vector<std::string> env_changes; // -E VAR=VAL or -E VAR (unset)

    // what to trace
    bool follow_forks = false;          // -f
    bool output_separately = false;     // -ff
    SyscallSet trace_set;               // -e trace=
    SignalSet signal_set;               // -e signal=
    StatusFilter status;                // -e status=, -z, -Z
    bool seccomp_bpf = false;           // --seccomp-bpf

    // how to print
    std::string output_file;            // -o
    bool output_append = false;         // -A
    TimestampMode timestamps = TimestampMode::none;
    bool relative_timestamps = false;   // -r
    bool syscall_times = false;         // -T
    bool instruction_pointer = false;   // -i
    bool syscall_number = false;        // -n
    bool always_show_pid = false;       // --always-show-pid
    int quiet = 0;                      // -q, -qq, -qqq
    XMode xmode = XMode::none;
    ConstStyle const_style = ConstStyle::abbrev;
    int decode_fds = 0;                 // -y, -yy
    int column = 40;                    // -a: column of '=' alignment
    DecodeOptions decode;               // -s, -v

    // summary (-c, -C, -S, -U, -w)
    bool summary_only = false;          // -c
    bool summary = false;               // -C (with the trace)
    std::string summary_sort = "time";
    std::vector<std::string> summary_columns;
    bool summary_wall_clock = false;    // -w

    // stack traces (-k)
    bool stack_trace = false;

    int debug = 0;                      // -d
};

// Parses argv. On a bad command line throws UsageError with the one-line message to print
// (without the "trace: " prefix). --help and -V print and exit(0) from here.
Options parse_options(int argc, char** argv);

} // namespace trace
