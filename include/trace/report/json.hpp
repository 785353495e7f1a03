#pragma once
// --json / --output-format=json: one JSON object per line for each event, for jq, pandas and log
// pipelines. The format is stable and documented in trace(1) (JSON OUTPUT); in short:
//
//   {"event":"syscall","pid":7,"tid":7,"time_ns":1700000000123456789,"exit_time_ns":...,
//    "duration_ns":4000,"nr":0,"name":"read","raw_args":["0x3","0x7ffc5a1e0f40","0x100"],
//    "args":{"fd":3,"buf":"hello\n","count":256},"ret":6}
//   {"event":"signal","pid":7,"tid":7,"time_ns":...,"signal":"SIGCHLD","signo":17,"siginfo":{...}}
//   {"event":"exit","pid":7,"tid":7,"time_ns":...,"code":0}
//
// Strings are valid UTF-8 whatever bytes the tracee passed: valid UTF-8 sequences are kept, every
// other byte b becomes the character U+00bb ("\u00XX").
#include "trace/report/output.hpp"
#include "trace/report/reporter.hpp"

#include <cstdint>
#include <fmt/format.h>
#include <memory>
#include <string_view>

namespace trace {

// Appends s as a JSON string literal (with the quotes), valid UTF-8 as described above.
void append_json_string(fmt::memory_buffer& out, std::string_view s);

// Appends a decoded value as JSON: numbers (Signed, Unsigned, Fd) as numbers, Hex as "0x1f",
// Octal as "0644", Address as "0x7ffd..." or null, Symbol and Raw text as strings, String as a string
// (a truncated one as {"string":"...","truncated":true}), Struct as an object (truncated: with
// "...":true), Array as an array (truncated: ending with the string "..."), Unknown as null.
void append_json_value(fmt::memory_buffer& out, const Value& v);

struct JsonFormat {
    // -e status=: which calls are written
    bool show_successful = true;
    bool show_failed = true;
    bool show_unfinished = true;
    bool show_detached = true;
};

class JsonReporter final : public Reporter {
public:
    JsonReporter(JsonFormat format, std::shared_ptr<Output> out, std::int64_t realtime_offset);

    bool wants_values() const override { return true; }
    void on_process_start(const ProcessEvent& e) override;
    void on_syscall_exit(const SyscallEvent& e) override;
    void on_signal(const SignalEvent& e) override;
    void on_exec(const ExecEvent& e) override;
    void on_process_exit(const ExitEvent& e) override;
    void on_detach(const ProcessEvent& e) override;
    void on_finish() override { m_out->flush(); }
    void flush() override { m_out->flush(); }

private:
    bool shown(const SyscallEvent& e) const;
    // {"event":"NAME","pid":P,"tid":T,"time_ns":N
    void begin(std::string_view event, pid_t pid, pid_t tid, Nanos time);
    void end();

    JsonFormat m_format;
    std::shared_ptr<Output> m_out;
    std::int64_t m_realtime_offset;
    fmt::memory_buffer m_line;
};

} // namespace trace
