#pragma once
// A buffered output file: text goes to memory and is written in large blocks, or when the tracer is
// about to block (flush), so that a trace costs few write() calls.
#include <fmt/format.h>
#include <functional>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace trace {

class Output {
public:
    // Writes to an fd that Output does not own (stderr). Write errors are not reported.
    static Output borrowed(int fd) { return Output(fd, false); }
    // Opens path for writing (truncating, or appending); throws FatalError naming the problem. A
    // path starting with '|' or '!' is a command (sh -c) that reads the trace on its stdin, as in
    // strace. program_name: argv[0], the prefix of the one message about a failed write.
    static Output open_file(const std::string& path, bool append, std::string program_name = "trace");

    Output(Output&& other) noexcept;
    Output& operator=(Output&& other) noexcept;
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;
    ~Output();

    void write(std::string_view text) {
        m_buf.append(text.data(), text.data() + text.size());
        if (m_buf.size() >= kFlushAt) flush();
    }
    fmt::memory_buffer& buffer() { return m_buf; }
    void flush();

    // Whole lines from another writer (trace: Process N attached) sharing the trace's stream: the
    // trace's open line is ended first (" <unfinished ...>"), never cut in the middle.
    void write_message(std::string_view line) {
        if (m_end_open_line) m_end_open_line(*this);
        write(line);
    }
    // The trace reporter's way to end its open line; empty to unset.
    void on_foreign_line(std::function<void(Output&)> end_open_line) {
        m_end_open_line = std::move(end_open_line);
    }

private:
    Output(int fd, bool owned) : m_fd(fd), m_owned(owned) {}
    void report_write_error(int err);
    void close();

    static constexpr std::size_t kFlushAt = 64 * 1024;
    int m_fd = -1;
    bool m_owned = false;
    pid_t m_reader = 0;         // -o '|command': the command's pid, waited for at the end
    std::string m_error_prefix; // "ARGV0: PATH"; empty: write errors are not reported
    bool m_error_reported = false;
    fmt::memory_buffer m_buf;
    std::function<void(Output&)> m_end_open_line;
};

} // namespace trace
