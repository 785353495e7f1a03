#include "trace/report/output.hpp"

#include "trace/util/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace trace {

Output Output::open_file(const std::string& path, bool append) {
    const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC);
    const int fd = ::open(path.c_str(), flags, 0666);
    if (fd < 0) throw FatalError(fmt::format("Can't fopen '{}': {}", path, strerror(errno)));
    return Output(fd, true);
}

Output::Output(Output&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_owned(std::exchange(other.m_owned, false)),
      m_buf(std::move(other.m_buf)), m_end_open_line(std::move(other.m_end_open_line)) {}

Output& Output::operator=(Output&& other) noexcept {
    if (this != &other) {
        flush();
        if (m_owned && m_fd >= 0) ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_owned = std::exchange(other.m_owned, false);
        m_buf = std::move(other.m_buf);
        m_end_open_line = std::move(other.m_end_open_line);
    }
    return *this;
}

Output::~Output() {
    flush();
    if (m_owned && m_fd >= 0) ::close(m_fd);
}

void Output::flush() {
    const char* p = m_buf.data();
    std::size_t left = m_buf.size();
    while (left > 0 && m_fd >= 0) {
        const ssize_t n = ::write(m_fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            break; // a full disk or a closed pipe: the trace goes on, as strace's does
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    m_buf.clear();
}

} // namespace trace
