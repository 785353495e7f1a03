#pragma once
// Follows the file descriptors of every traced process through the calls that create, copy and close
// them, so that a call on fd 5 can be tied to one "life" of fd 5: from the open (or socket, accept,
// pipe, dup, ...) that made it to the close (or dup2 over it, exec with close-on-exec, exit) that
// ended it. fd 5 reused later is a new life.
//
// Fd tables are per process: threads share one, clone(CLONE_FILES) shares it between processes,
// fork copies it. An fd used before trace saw it created (inherited, or the process was attached)
// is described from /proc/PID/fd/N, through an FdResolver that tests replace. With -e trace=, known
// fds are also checked against /proc when used (FdTrackerConfig::verify).
#include "trace/decode/socket_table.hpp"
#include "trace/events/events.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace trace {

enum class FdKind : std::uint8_t {
    unknown,
    file,
    pipe,
    socket,
    eventfd,
    epoll,
    timerfd,
    signalfd,
    inotify,
    memfd,
    pidfd,
    other
};

// "file", "pipe", "socket", ...
const char* fd_kind_name(FdKind kind);

struct FdLife {
    std::size_t id = 0; // index in FdTracker::lives()
    pid_t pid = 0;      // the process that holds it (the first one, when a table is shared)
    int fd = -1;
    FdKind kind = FdKind::unknown;
    std::string what;                // "/etc/passwd", "pipe:[1234]", "TCP:[127.0.0.1:80->127.0.0.1:5000]"
    std::string target;              // its /proc/PID/fd link, when read ("socket:[5678]")
    bool nonblocking = false;        // O_NONBLOCK, as last known
    bool nonblock_known = false;     // set by the creating call or fcntl(F_SETFL); else guessed false
    bool nonblock_set_later = false; // fcntl(F_SETFL) changed O_NONBLOCK
    bool cloexec = false;
    bool inherited = false; // copied from the parent at fork, or found in use (not created under trace)
    Nanos opened = 0;
    Nanos closed = 0;            // 0: still open at the end
    bool closed_by_exit = false; // the process ended with it open
};

// What /proc says an fd of a process is: the target of /proc/PID/fd/N ("/etc/passwd", "pipe:[1234]",
// "socket:[5678]", "anon_inode:[eventfd]"); nullopt when the fd is not open.
using FdResolver = std::function<std::optional<std::string>(pid_t pid, int fd)>;
// A readable name for a target: for "socket:[INODE]" the addresses, "TCP:[1.2.3.4:80->5.6.7.8:5000]",
// "UDP:[...]", "UNIX:[INODE,\"path\"]" as strace -yy prints them; nullopt to keep the target.
using TargetDescriber = std::function<std::optional<std::string>(pid_t pid, const std::string& target)>;

// readlink(/proc/PID/fd/N).
std::optional<std::string> proc_fd_target(pid_t pid, int fd);
// Looks a socket's inode up in the socket tables of /proc/PID/net (trace/decode/socket_table.hpp).
std::optional<std::string> proc_describe_target(pid_t pid, const std::string& target);
// The same with the tables read by read (tests give their own text).
std::optional<std::string> describe_socket_target(const std::string& target, const SocketTableReader& read);

struct FdTrackerConfig {
    FdResolver resolver = proc_fd_target;
    TargetDescriber describer = proc_describe_target;
    // -e trace= leaves calls out, so a close or an open may go unseen: each known fd a call uses is
    // checked against /proc, and a different target starts a new life.
    bool verify = false;
};

class FdTracker {
public:
    explicit FdTracker(FdTrackerConfig config = {});

    void on_process_start(const ProcessEvent& e);
    // At entry: fds this call names that trace has not seen yet are looked up now, while they exist.
    void on_syscall_entry(const SyscallEvent& e);
    // The lives of the fds the call names (each once), as they were before the call. Call before apply().
    std::vector<std::size_t> lives_used(const SyscallEvent& e) const;
    // At exit: the call's effect on the fd table (new fds, closes, dups, exec). Returns the new lives.
    std::vector<std::size_t> apply(const SyscallEvent& e);
    void on_exec(const ExecEvent& e);
    void on_process_exit(const ExitEvent& e);

    const std::vector<FdLife>& lives() const { return m_lives; }
    // The open life of fd in pid's table.
    std::optional<std::size_t> find(pid_t pid, int fd) const;

private:
    struct Table {
        std::unordered_map<int, std::size_t> open; // fd -> life
    };

    Table& table_of(pid_t pid);
    const Table* find_table(pid_t pid) const;
    std::size_t open_life(pid_t pid, int fd, FdKind kind, std::string what, Nanos when);
    void close_fd(Table& table, int fd, Nanos when);
    void learn(pid_t pid, int fd, Nanos when);
    void refine_socket(std::size_t life);
    void unshare(pid_t pid);
    // apply() by what the table says the call does.
    void close_range(const SyscallEvent& e);
    void close_on_exec(pid_t pid, Nanos now);
    std::vector<std::size_t> apply_fcntl(const SyscallEvent& e);
    std::vector<std::size_t> open_array(const SyscallEvent& e);
    std::vector<std::size_t> open_returned(const SyscallEvent& e);

    std::optional<std::string> resolve(pid_t pid, int fd) const;
    std::string describe(pid_t pid, const std::string& target) const;
    void verify(pid_t pid, int fd, Nanos when);

    FdTrackerConfig m_config;
    std::vector<FdLife> m_lives;
    std::unordered_map<pid_t, std::shared_ptr<Table>> m_tables; // by process (thread group) id
    struct LastEntry {
        pid_t pid = 0;
        long nr = -1;
        std::uint64_t clone_flags = 0;
    };
    std::unordered_map<pid_t, LastEntry> m_last_entry; // by tid: the call a new child comes from
};

// The fd arguments of a call (kinds fd and dirfd, non-negative), each once, in argument order.
std::vector<int> fd_arguments(const SyscallEvent& e);

} // namespace trace
