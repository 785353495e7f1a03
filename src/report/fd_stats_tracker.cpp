#include "trace/report/fd_stats_tracker.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <linux/close_range.h>
#include <sched.h>
#include <string_view>
#include <sys/socket.h>

namespace trace {
namespace {

constexpr std::uint64_t kMfdCloexec = 1;  // MFD_CLOEXEC
constexpr std::uint64_t kFanCloexec = 1;  // FAN_CLOEXEC
constexpr std::uint64_t kFanNonblock = 2; // FAN_NONBLOCK
constexpr std::uint64_t kPerfCloexec = 8; // PERF_FLAG_FD_CLOEXEC

bool named(const SyscallEvent& e, std::string_view name) {
    return e.entry != nullptr && name == e.entry->name;
}

bool succeeded(const SyscallEvent& e) {
    return e.exited && !e.unfinished && !e.detached && e.error == 0;
}

// The decoded value of an argument, when there is one.
const Value* value_of(const SyscallEvent& e, std::size_t i) {
    return i < e.values.size() && e.values[i].type != ValueType::Unknown ? &e.values[i] : nullptr;
}

// The path argument of an open-like call, as the program passed it.
std::optional<std::string> path_argument(const SyscallEvent& e) {
    for (std::size_t i = 0; i < e.entry->nargs; ++i) {
        if (e.entry->args[i].kind != ArgKind::path && e.entry->args[i].kind != ArgKind::str) continue;
        const Value* v = value_of(e, i);
        if (v != nullptr && v->type == ValueType::String) return v->text;
        return std::nullopt;
    }
    return std::nullopt;
}

// The raw value of the argument named "flags" (or socket's "type", mq_open's "oflag"); 0 when none.
std::uint64_t flags_argument(const SyscallEvent& e) {
    for (std::size_t i = 0; i < e.entry->nargs; ++i) {
        const std::string_view name = e.entry->args[i].name;
        if (name == "flags" || name == "type" || name == "oflag") return e.args[i];
    }
    return 0;
}

const char* socket_family(std::uint64_t family) {
    switch (family) {
    case AF_UNIX:
        return "AF_UNIX";
    case AF_INET:
        return "AF_INET";
    case AF_INET6:
        return "AF_INET6";
    case AF_NETLINK:
        return "AF_NETLINK";
    case AF_PACKET:
        return "AF_PACKET";
    default:
        return nullptr;
    }
}

const char* socket_type(std::uint64_t type) {
    switch (type & 0xf) {
    case SOCK_STREAM:
        return "SOCK_STREAM";
    case SOCK_DGRAM:
        return "SOCK_DGRAM";
    case SOCK_RAW:
        return "SOCK_RAW";
    case SOCK_SEQPACKET:
        return "SOCK_SEQPACKET";
    default:
        return nullptr;
    }
}

// What /proc's link target says the fd is.
FdKind kind_of_target(std::string_view t) {
    auto starts = [&](std::string_view p) { return t.substr(0, p.size()) == p; };
    if (starts("/memfd:")) return FdKind::memfd;
    if (starts("/")) return FdKind::file;
    if (starts("pipe:")) return FdKind::pipe;
    if (starts("socket:") || starts("TCP") || starts("UDP") || starts("UNIX:")) return FdKind::socket;
    if (t == "anon_inode:[eventfd]") return FdKind::eventfd;
    if (t == "anon_inode:[eventpoll]") return FdKind::epoll;
    if (t == "anon_inode:[timerfd]") return FdKind::timerfd;
    if (t == "anon_inode:[signalfd]") return FdKind::signalfd;
    if (t == "anon_inode:inotify") return FdKind::inotify;
    if (t == "anon_inode:[pidfd]") return FdKind::pidfd;
    return FdKind::other;
}

// Collects the numbers of the array elements of a decoded fd pair ([3, 4]).
std::vector<int> fd_pair(const Value* v) {
    std::vector<int> fds;
    if (v == nullptr || v->type != ValueType::Array) return fds;
    for (const Field& f : v->fields) {
        const ValueType t = f.value.type;
        if (t == ValueType::Fd || t == ValueType::Signed || t == ValueType::Unsigned)
            fds.push_back(static_cast<int>(f.value.as_signed()));
    }
    return fds;
}

} // namespace

const char* fd_kind_name(FdKind kind) {
    switch (kind) {
    case FdKind::unknown:
        return "?";
    case FdKind::file:
        return "file";
    case FdKind::pipe:
        return "pipe";
    case FdKind::socket:
        return "socket";
    case FdKind::eventfd:
        return "eventfd";
    case FdKind::epoll:
        return "epoll";
    case FdKind::timerfd:
        return "timerfd";
    case FdKind::signalfd:
        return "signalfd";
    case FdKind::inotify:
        return "inotify";
    case FdKind::memfd:
        return "memfd";
    case FdKind::pidfd:
        return "pidfd";
    case FdKind::other:
        return "other";
    }
    return "?";
}

std::vector<int> fd_arguments(const SyscallEvent& e) {
    std::vector<int> fds;
    if (e.entry == nullptr) return fds;
    for (std::size_t i = 0; i < e.entry->nargs; ++i) {
        const ArgKind k = e.entry->args[i].kind;
        if (!is_fd_kind(k)) continue;
        const int fd = static_cast<int>(static_cast<std::int32_t>(e.args[i]));
        if (fd < 0 || std::find(fds.begin(), fds.end(), fd) != fds.end()) continue;
        fds.push_back(fd);
    }
    return fds;
}

FdTracker::FdTracker(FdTrackerConfig config) : m_config(std::move(config)) {}

std::optional<std::string> FdTracker::resolve(pid_t pid, int fd) const {
    if (!m_config.resolver) return std::nullopt;
    return m_config.resolver(pid, fd);
}

std::string FdTracker::describe(pid_t pid, const std::string& target) const {
    if (m_config.describer) {
        if (auto d = m_config.describer(pid, target)) return *d;
    }
    return target;
}

FdTracker::Table& FdTracker::table_of(pid_t pid) {
    auto& t = m_tables[pid];
    if (!t) t = std::make_shared<Table>();
    return *t;
}

const FdTracker::Table* FdTracker::find_table(pid_t pid) const {
    auto it = m_tables.find(pid);
    return it == m_tables.end() ? nullptr : it->second.get();
}

std::optional<std::size_t> FdTracker::find(pid_t pid, int fd) const {
    const Table* t = find_table(pid);
    if (t == nullptr) return std::nullopt;
    auto it = t->open.find(fd);
    if (it == t->open.end()) return std::nullopt;
    return it->second;
}

std::size_t FdTracker::open_life(pid_t pid, int fd, FdKind kind, std::string what, Nanos when) {
    Table& t = table_of(pid);
    close_fd(t, fd, when);
    FdLife life;
    life.id = m_lives.size();
    life.pid = pid;
    life.fd = fd;
    life.kind = kind;
    life.what = std::move(what);
    life.opened = when;
    m_lives.push_back(std::move(life));
    t.open[fd] = m_lives.back().id;
    return m_lives.back().id;
}

void FdTracker::close_fd(Table& table, int fd, Nanos when) {
    auto it = table.open.find(fd);
    if (it == table.open.end()) return;
    m_lives[it->second].closed = when;
    table.open.erase(it);
}

// An fd in use that trace did not see created: ask /proc while it exists.
void FdTracker::learn(pid_t pid, int fd, Nanos when) {
    if (find(pid, fd)) return;
    auto target = resolve(pid, fd);
    if (!target) return;
    const std::size_t id = open_life(pid, fd, kind_of_target(*target), describe(pid, *target), when);
    m_lives[id].target = std::move(*target);
    m_lives[id].inherited = true;
}

// -e trace=: the fd may have been closed, or closed and opened again, by calls trace did not see.
void FdTracker::verify(pid_t pid, int fd, Nanos when) {
    const auto id = find(pid, fd);
    if (!id) {
        learn(pid, fd, when);
        return;
    }
    auto target = resolve(pid, fd);
    FdLife& life = m_lives[*id];
    if (!target) {
        close_fd(table_of(pid), fd, when);
    } else if (life.target.empty()) {
        life.target = std::move(*target);
    } else if (*target != life.target) {
        close_fd(table_of(pid), fd, when);
        learn(pid, fd, when);
    }
}

void FdTracker::refine_socket(std::size_t id) {
    FdLife& life = m_lives[id];
    auto target = resolve(life.pid, life.fd);
    if (!target) return;
    // A bare "socket:[INODE]" says less than "socket AF_INET SOCK_STREAM".
    std::string what = describe(life.pid, *target);
    if (what.rfind("socket:[", 0) != 0) life.what = std::move(what);
    life.target = std::move(*target);
}

void FdTracker::unshare(pid_t pid) {
    auto it = m_tables.find(pid);
    if (it == m_tables.end() || it->second.use_count() == 1) return;
    it->second = std::make_shared<Table>(*it->second);
}

void FdTracker::on_process_start(const ProcessEvent& e) {
    if (e.parent == 0) return;
    const auto parent = m_last_entry.find(e.parent);
    pid_t parent_pid = e.parent;
    std::uint64_t flags = 0;
    if (parent != m_last_entry.end()) {
        parent_pid = parent->second.pid;
        flags = parent->second.clone_flags;
    }
    if (e.pid == parent_pid) return; // a thread: the same table
    auto src = m_tables.find(parent_pid);
    if (src == m_tables.end()) return; // learnt from /proc when used
    if ((flags & CLONE_FILES) != 0) {
        m_tables[e.pid] = src->second;
        return;
    }
    const Table copy = *src->second; // fork: the child gets copies of the parent's fds
    for (const auto& [fd, id] : copy.open) {
        const FdLife parent_life = m_lives[id];
        const std::size_t child = open_life(e.pid, fd, parent_life.kind, parent_life.what, e.time);
        FdLife& life = m_lives[child];
        life.nonblocking = parent_life.nonblocking;
        life.nonblock_known = parent_life.nonblock_known;
        life.cloexec = parent_life.cloexec;
        life.inherited = true;
    }
}

void FdTracker::on_syscall_entry(const SyscallEvent& e) {
    if (e.entry == nullptr) return;
    LastEntry& last = m_last_entry[e.tid];
    last.pid = e.pid;
    last.nr = e.nr;
    last.clone_flags = 0;
    if (named(e, "clone")) {
        last.clone_flags = e.args[0];
    } else if (named(e, "clone3")) {
        if (const Value* args = value_of(e, 0)) {
            for (const Field& f : args->fields) {
                if (f.name == "flags") last.clone_flags = f.value.num;
            }
        }
    }
    // dup2's and dup3's newfd is replaced, not used: it need not be known.
    const bool replaces_second = named(e, "dup2") || named(e, "dup3");
    const std::vector<int> fds = fd_arguments(e);
    for (std::size_t i = 0; i < fds.size(); ++i) {
        if (replaces_second && i == 1) continue;
        if (m_config.verify) {
            verify(e.pid, fds[i], e.entry_time);
        } else {
            learn(e.pid, fds[i], e.entry_time);
        }
    }
}

std::vector<std::size_t> FdTracker::lives_used(const SyscallEvent& e) const {
    std::vector<std::size_t> ids;
    for (const int fd : fd_arguments(e)) {
        if (auto id = find(e.pid, fd)) ids.push_back(*id);
    }
    return ids;
}

std::vector<std::size_t> FdTracker::apply(const SyscallEvent& e) {
    std::vector<std::size_t> created;
    if (e.entry == nullptr || !succeeded(e)) {
        // close frees the fd even when it fails (EINTR, EIO), unless the fd was not open.
        if (e.entry != nullptr && named(e, "close") && e.exited && e.error != 0 && e.error != EBADF)
            close_fd(table_of(e.pid), static_cast<int>(e.args[0]), e.exit_time);
        return created;
    }
    const std::string_view name = e.entry->name;
    const Nanos now = e.exit_time;
    Table& table = table_of(e.pid);

    if (name == "close") {
        close_fd(table, static_cast<int>(e.args[0]), now);
        return created;
    }
    if (name == "close_range") {
        if ((e.args[2] & CLOSE_RANGE_UNSHARE) != 0) unshare(e.pid);
        Table& t = table_of(e.pid);
        const auto first = static_cast<unsigned>(e.args[0]);
        const auto last = static_cast<unsigned>(e.args[1]);
        std::vector<int> in_range;
        for (const auto& [fd, id] : t.open) {
            if (static_cast<unsigned>(fd) >= first && static_cast<unsigned>(fd) <= last)
                in_range.push_back(fd);
        }
        for (const int fd : in_range) {
            if ((e.args[2] & CLOSE_RANGE_CLOEXEC) != 0) {
                m_lives[t.open[fd]].cloexec = true;
            } else {
                close_fd(t, fd, now);
            }
        }
        return created;
    }
    if (name == "execve" || name == "execveat") {
        unshare(e.pid);
        Table& t = table_of(e.pid);
        std::vector<int> closing;
        for (const auto& [fd, id] : t.open) {
            if (m_lives[id].cloexec) closing.push_back(fd);
        }
        for (const int fd : closing)
            close_fd(t, fd, now);
        return created;
    }
    if (name == "unshare") {
        if ((e.args[0] & CLONE_FILES) != 0) unshare(e.pid);
        return created;
    }
    if (name == "fcntl") {
        const auto cmd = static_cast<int>(e.args[1]);
        const int fd = static_cast<int>(e.args[0]);
        const auto id = find(e.pid, fd);
        if (cmd == F_SETFD && id) m_lives[*id].cloexec = (e.args[2] & FD_CLOEXEC) != 0;
        if (cmd == F_SETFL && id) {
            FdLife& life = m_lives[*id];
            const bool nonblocking = (e.args[2] & O_NONBLOCK) != 0;
            if (nonblocking != life.nonblocking || !life.nonblock_known) life.nonblock_set_later = true;
            life.nonblocking = nonblocking;
            life.nonblock_known = true;
        }
        if (cmd == F_GETFL && id && !m_lives[*id].nonblock_known) {
            m_lives[*id].nonblocking = (e.ret & O_NONBLOCK) != 0;
            m_lives[*id].nonblock_known = true;
        }
        if ((cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) && e.ret >= 0) {
            FdLife copy = id ? m_lives[*id] : FdLife{};
            const std::size_t n = open_life(e.pid, static_cast<int>(e.ret), copy.kind, copy.what, now);
            m_lives[n].nonblocking = copy.nonblocking;
            m_lives[n].nonblock_known = copy.nonblock_known;
            m_lives[n].cloexec = cmd == F_DUPFD_CLOEXEC;
            created.push_back(n);
        }
        return created;
    }
    if (name == "connect" || name == "bind" || name == "listen") {
        if (auto id = find(e.pid, static_cast<int>(e.args[0]))) refine_socket(*id);
        return created;
    }
    if (name == "pipe" || name == "pipe2" || name == "socketpair") {
        const bool pair = name == "socketpair";
        const std::size_t arg = pair ? 3 : 0;
        const std::uint64_t flags = pair ? e.args[1] : (name == "pipe2" ? e.args[1] : 0);
        for (const int fd : fd_pair(value_of(e, arg))) {
            std::string what =
                pair ? fmt::format("socketpair {}", socket_type(e.args[1]) ? socket_type(e.args[1]) : "")
                     : std::string("pipe");
            FdKind kind = pair ? FdKind::socket : FdKind::pipe;
            auto target = resolve(e.pid, fd);
            if (target) {
                std::string described = describe(e.pid, *target);
                if (!pair || described.rfind("socket:[", 0) != 0) what = std::move(described);
            }
            const std::size_t n = open_life(e.pid, fd, kind, std::move(what), now);
            if (target) m_lives[n].target = std::move(*target);
            m_lives[n].nonblocking = (flags & O_NONBLOCK) != 0;
            m_lives[n].nonblock_known = true;
            m_lives[n].cloexec = (flags & O_CLOEXEC) != 0;
            created.push_back(n);
        }
        return created;
    }
    if (e.entry->ret != RetKind::fd || e.ret < 0) return created;
    // signalfd on an existing signalfd changes its mask: the same fd, no new life.
    if ((name == "signalfd" || name == "signalfd4") && static_cast<std::int32_t>(e.args[0]) >= 0)
        return created;

    const int fd = static_cast<int>(e.ret);
    const std::uint64_t flags = flags_argument(e);
    FdKind kind = FdKind::other;
    std::string what;
    bool cloexec = (flags & O_CLOEXEC) != 0;
    bool nonblocking = (flags & O_NONBLOCK) != 0;
    bool ask_proc = false;
    std::optional<std::size_t> source;
    std::optional<std::string> target;
    if (name == "dup" || name == "dup2" || name == "dup3") {
        source = find(e.pid, static_cast<int>(e.args[0]));
        if (name != "dup3") cloexec = false;
    } else if (name == "accept" || name == "accept4") {
        kind = FdKind::socket;
        what = "accepted socket";
        if (auto listener = find(e.pid, static_cast<int>(e.args[0])))
            what = fmt::format("accepted from {}", m_lives[*listener].what);
        ask_proc = true;
        if (name == "accept") nonblocking = false;
    } else if (name == "socket") {
        kind = FdKind::socket;
        const char* family = socket_family(e.args[0]);
        const char* type = socket_type(e.args[1]);
        what = fmt::format("socket {} {}", family != nullptr ? family : std::to_string(e.args[0]),
                           type != nullptr ? type : std::to_string(e.args[1] & 0xf));
    } else if (name == "memfd_create") {
        kind = FdKind::memfd;
        const auto label = path_argument(e);
        what = label ? fmt::format("memfd:{}", *label) : "memfd";
        cloexec = (e.args[1] & kMfdCloexec) != 0;
        nonblocking = false;
    } else if (name == "eventfd" || name == "eventfd2") {
        kind = FdKind::eventfd;
        what = "eventfd";
    } else if (name == "epoll_create" || name == "epoll_create1") {
        kind = FdKind::epoll;
        what = "epoll";
        nonblocking = false;
    } else if (name == "timerfd_create") {
        kind = FdKind::timerfd;
        what = "timerfd";
    } else if (name == "signalfd" || name == "signalfd4") {
        kind = FdKind::signalfd;
        what = "signalfd";
    } else if (name == "inotify_init" || name == "inotify_init1") {
        kind = FdKind::inotify;
        what = "inotify";
    } else if (name == "pidfd_open") {
        kind = FdKind::pidfd;
        what = fmt::format("pidfd:{}", static_cast<std::int32_t>(e.args[0]));
        cloexec = true;
    } else if (name == "fanotify_init") {
        what = "fanotify";
        cloexec = (e.args[0] & kFanCloexec) != 0;
        nonblocking = (e.args[0] & kFanNonblock) != 0;
    } else if (name == "perf_event_open") {
        what = "perf_event";
        cloexec = (e.args[4] & kPerfCloexec) != 0;
        nonblocking = false;
    } else if (auto path = path_argument(e); path && name != "mq_open" && name != "fsopen") {
        kind = FdKind::file;
        what = std::move(*path);
    } else {
        ask_proc = true;
    }
    if (source) {
        const FdLife copy = m_lives[*source];
        kind = copy.kind;
        what = copy.what;
        nonblocking = copy.nonblocking;
    } else if (ask_proc || m_config.verify) {
        target = resolve(e.pid, fd);
        if (ask_proc && target) {
            std::string described = describe(e.pid, *target);
            if (described.rfind("socket:[", 0) != 0) what = std::move(described);
            if (kind == FdKind::other) kind = kind_of_target(*target);
        }
    }
    if (what.empty()) what = name;
    const std::size_t n = open_life(e.pid, fd, kind, std::move(what), now);
    m_lives[n].cloexec = cloexec;
    m_lives[n].nonblocking = nonblocking;
    m_lives[n].nonblock_known = !source || m_lives[*source].nonblock_known;
    if (source) target = m_lives[*source].target;
    if (target) m_lives[n].target = std::move(*target);
    created.push_back(n);
    return created;
}

void FdTracker::on_exec(const ExecEvent& e) {
    auto it = m_last_entry.find(e.old_tid);
    if (it == m_last_entry.end()) return;
    m_last_entry[e.tid] = it->second;
    m_last_entry.erase(e.old_tid);
}

void FdTracker::on_process_exit(const ExitEvent& e) {
    m_last_entry.erase(e.tid);
    if (e.tid != e.pid) return; // a thread: the table lives on
    auto it = m_tables.find(e.pid);
    if (it == m_tables.end()) return;
    if (it->second.use_count() == 1) {
        for (const auto& [fd, id] : it->second->open) {
            m_lives[id].closed = e.time;
            m_lives[id].closed_by_exit = !m_config.verify; // else an untraced close may have ended it
        }
    }
    m_tables.erase(it);
}

} // namespace trace
