#include "trace/report/output.hpp"

#include "trace/util/error.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>

namespace trace {

namespace {

// -o '|command' / -o '!command': sh -c command, reading what trace writes to the returned fd.
int spawn_reader(const std::string& command, pid_t& pid) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw FatalError(fmt::format("pipe: {}", strerror(errno)));
    pid = fork();
    if (pid < 0) {
        const int err = errno;
        ::close(fds[0]);
        ::close(fds[1]);
        throw FatalError(fmt::format("fork: {}", strerror(err)));
    }
    if (pid == 0) {
        if (dup2(fds[0], STDIN_FILENO) < 0) _exit(127);
        execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    ::close(fds[0]);
    return fds[1];
}

} // namespace

Output Output::open_file(const std::string& path, bool append, std::string program_name) {
    Output out(-1, true);
    if (!path.empty() && (path[0] == '|' || path[0] == '!')) {
        out.m_fd = spawn_reader(path.substr(1), out.m_reader);
    } else {
        const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC);
        out.m_fd = ::open(path.c_str(), flags, 0666);
        if (out.m_fd < 0) throw FatalError(fmt::format("Can't fopen '{}': {}", path, strerror(errno)));
    }
    out.m_error_prefix = fmt::format("{}: {}", program_name, path);
    return out;
}

Output::Output(Output&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_owned(std::exchange(other.m_owned, false)),
      m_reader(std::exchange(other.m_reader, 0)), m_error_prefix(std::move(other.m_error_prefix)),
      m_error_reported(other.m_error_reported), m_buf(std::move(other.m_buf)),
      m_end_open_line(std::move(other.m_end_open_line)) {}

Output& Output::operator=(Output&& other) noexcept {
    if (this != &other) {
        flush();
        close();
        m_fd = std::exchange(other.m_fd, -1);
        m_owned = std::exchange(other.m_owned, false);
        m_reader = std::exchange(other.m_reader, 0);
        m_error_prefix = std::move(other.m_error_prefix);
        m_error_reported = other.m_error_reported;
        m_buf = std::move(other.m_buf);
        m_end_open_line = std::move(other.m_end_open_line);
    }
    return *this;
}

Output::~Output() {
    flush();
    close();
}

void Output::close() {
    if (m_owned && m_fd >= 0) ::close(m_fd);
    m_fd = -1;
    if (m_reader > 0) { // the command reads to the end of the trace before trace exits
        while (waitpid(m_reader, nullptr, 0) < 0 && errno == EINTR) {
        }
        m_reader = 0;
    }
}

void Output::flush() {
    const char* p = m_buf.data();
    std::size_t left = m_buf.size();
    while (left > 0 && m_fd >= 0) {
        const ssize_t n = ::write(m_fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            // A full disk or a closed pipe: the trace goes on (the command is not harmed), and the
            // user hears of it once.
            report_write_error(errno);
            break;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    m_buf.clear();
}

void Output::report_write_error(int err) {
    if (m_error_reported || m_error_prefix.empty()) return;
    m_error_reported = true;
    const std::string line = fmt::format("{}: {}\n", m_error_prefix, strerror(err));
    const ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
    (void)ignored;
}

} // namespace trace
