#pragma once
// A buffered output file: text goes to memory and is written in large blocks, or when the tracer is
// about to block (flush), so that a trace costs few write() calls.
#include <fmt/format.h>
#include <functional>
#include <string>
#include <string_view>

namespace trace {

class Output {
public:
    // Writes to an fd that Output does not own (stderr).
    static Output borrowed(int fd) { return Output(fd, false); }
    // Opens path for writing (truncating, or appending); throws FatalError naming the problem.
    static Output open_file(const std::string& path, bool append);

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
    static constexpr std::size_t kFlushAt = 64 * 1024;
    int m_fd = -1;
    bool m_owned = false;
    fmt::memory_buffer m_buf;
    std::function<void(Output&)> m_end_open_line;
};

} // namespace trace
