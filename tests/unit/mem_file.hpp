#pragma once
// An in-memory file for a reporter's Output, read back as text.
#include "trace/report/output.hpp"

#include <doctest/doctest.h>
#include <memory>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

class MemFile {
public:
    MemFile() : m_fd(memfd_create("trace-test", 0)) { REQUIRE(m_fd >= 0); }
    ~MemFile() { close(m_fd); }
    MemFile(const MemFile&) = delete;
    MemFile& operator=(const MemFile&) = delete;
    std::shared_ptr<trace::Output> output() const {
        return std::make_shared<trace::Output>(trace::Output::borrowed(m_fd));
    }
    // Everything written so far (flush the Output first).
    std::string text() const {
        std::string out(static_cast<std::size_t>(lseek(m_fd, 0, SEEK_CUR)), '\0');
        REQUIRE(pread(m_fd, out.data(), out.size(), 0) == static_cast<ssize_t>(out.size()));
        return out;
    }

private:
    int m_fd;
};
