#pragma once
// The trace itself, in strace's format: one line per call, signal and exit, with [pid N] prefixes,
// <unfinished ...> / <... resumed> when calls of several threads interleave, timestamps and durations.
#include "trace/report/output.hpp"
#include "trace/report/reporter.hpp"
#include "trace/report/value_printer.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

namespace trace {

struct TraceFormat {
    int timestamps = 0;             // 0 none, 1 -t, 2 -tt, 3 -ttt
    int timestamp_digits = -1;      // digits after the seconds (0, 3, 6, 9); -1: as -t/-tt/-ttt say
    int relative_digits = 6;        // -r's digits after the seconds
    int duration_digits = 6;        // -T's digits after the seconds
    bool relative = false;          // -r
    bool durations = false;         // -T
    bool instruction_pointer = false; // -i
    bool syscall_number = false;    // -n
    int column = 40;                // -a
    bool plain_pid_prefix = false;  // "1234  " instead of "[pid  1234] " (-o with -f)
    bool always_show_pid = false;
    bool hide_exit_lines = false;   // -qq
    bool hide_superseded = false;   // -e quiet=superseded, -qqq: no "+++ superseded by execve +++"
    bool separate_files = false;    // -ff: one file per thread, FILE.TID
    std::string output_path;        // with -ff
    bool output_append = false;
    std::string program_name = "trace"; // argv[0], for a failed write to a -ff file
    PrintOptions values;
    // -e status=: which calls are printed
    bool show_successful = true;
    bool show_failed = true;
    bool show_unfinished = true;
    bool show_detached = true;
};

class StraceReporter final : public Reporter {
public:
    // out is the trace's output (unused with -ff, where files are opened per thread).
    StraceReporter(TraceFormat format, Output out, std::int64_t realtime_offset);
    // out shared with another reporter writing to the same file (the -C summary), in one stream.
    StraceReporter(TraceFormat format, std::shared_ptr<Output> out, std::int64_t realtime_offset);
    ~StraceReporter() override;
    // The output holds a callback to this reporter.
    StraceReporter(const StraceReporter&) = delete;
    StraceReporter& operator=(const StraceReporter&) = delete;

    bool wants_values() const override { return true; }
    void on_process_start(const ProcessEvent& e) override;
    void on_syscall_entry(const SyscallEvent& e) override;
    void on_syscall_exit(const SyscallEvent& e) override;
    void on_signal(const SignalEvent& e) override;
    void on_exec(const ExecEvent& e) override;
    void on_process_exit(const ExitEvent& e) override;
    void on_detach(const ProcessEvent& e) override;
    void on_finish() override;
    void flush() override;

private:
    struct ThreadState {
        bool interrupted = false; // its entry part was printed and cut by another line
        long last_nr = -1;        // its last call (-n prints it on signal and exit lines)
    };

    bool filters_status() const;
    bool status_shown(const SyscallEvent& e) const;
    Output& output_for(pid_t tid);
    void close_open_line(Output& out);
    void begin_line(fmt::memory_buffer& line, pid_t tid, Nanos time, std::uint64_t ip, bool has_ip, long nr);
    void append_entry(fmt::memory_buffer& line, const SyscallEvent& e) const;
    void append_rest(fmt::memory_buffer& line, const SyscallEvent& e) const;
    bool append_args(fmt::memory_buffer& line, const SyscallEvent& e, int from, int to, bool separate) const;
    void append_result(fmt::memory_buffer& line, const SyscallEvent& e) const;
    void pad_to_column(fmt::memory_buffer& line, std::size_t line_start) const;
    void print_other(pid_t tid, Nanos time, std::string_view text, long nr);

    TraceFormat m_format;
    std::shared_ptr<Output> m_out;
    std::unordered_map<pid_t, Output> m_files; // -ff
    std::unordered_map<pid_t, ThreadState> m_threads;
    std::int64_t m_realtime_offset;
    Nanos m_last_time = 0;          // -r
    pid_t m_open_tid = 0;           // whose line is printed up to its entry part
    std::size_t m_open_col = 0;     // how long that line is so far
    std::size_t m_live = 0;         // traced threads now: more than one shows [pid N]
    fmt::memory_buffer m_line;
};

} // namespace trace
