#include "trace/report/fd_stats_tracker.hpp"

#include <algorithm>
#include <array>
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

// The index of the argument a fact names; the call must have the fact.
std::size_t index_of(const SyscallEvent& e, Fact fact) {
    return static_cast<std::size_t>(e.entry->facts.arg_of(fact));
}

// The fd in the argument a fact names, or -1 when the call lacks the fact.
int fd_at(const SyscallEvent& e, Fact fact) {
    return e.entry->facts.arg_of(fact) < 0 ? -1 : static_cast<int>(e.args[index_of(e, fact)]);
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

// The flags of a call that clones: an argument, or the flags member of the struct clone_args it
// points to (clone3); 0 for fork, vfork and the calls that do not clone.
std::uint64_t clone_flags(const SyscallEvent& e) {
    if (e.entry->facts.arg_of(Fact::clones) < 0) return 0;
    if (!e.entry->facts.clone_args) return e.args[index_of(e, Fact::clones)];
    std::uint64_t flags = 0;
    if (const Value* args = value_of(e, index_of(e, Fact::clones))) {
        for (const Field& f : args->fields) {
            if (f.name == "flags") flags = f.value.num;
        }
    }
    return flags;
}

// A new fd as the call that returned it says: its kind, a description, its flags.
struct NewFd {
    FdKind kind = FdKind::other;
    std::string what;
    bool cloexec = false;
    bool nonblocking = false;
    bool ask_proc = false; // describe it from /proc
};

// O_CLOEXEC and O_NONBLOCK (SOCK_CLOEXEC, SOCK_NONBLOCK, EFD_*, ...) from the flags argument.
NewFd plain_fd(const SyscallEvent& e) {
    const std::uint64_t flags = flags_argument(e);
    NewFd n;
    n.cloexec = (flags & O_CLOEXEC) != 0;
    n.nonblocking = (flags & O_NONBLOCK) != 0;
    return n;
}

// A new fd of the kind the table gives the call (new_fd:KIND); the arguments read here are those of
// the calls of each kind (socket's family and type, memfd_create's flags, ...).
NewFd new_fd_of(const SyscallEvent& e) {
    NewFd n = plain_fd(e);
    switch (e.entry->facts.fd_kind) {
    case NewFdKind::socket: {
        const char* family = socket_family(e.args[0]);
        const char* type = socket_type(e.args[1]);
        n.kind = FdKind::socket;
        n.what = fmt::format("socket {} {}", family != nullptr ? family : std::to_string(e.args[0]),
                             type != nullptr ? type : std::to_string(e.args[1] & 0xf));
        break;
    }
    case NewFdKind::memfd: {
        const auto label = path_argument(e);
        n.kind = FdKind::memfd;
        n.what = label ? fmt::format("memfd:{}", *label) : "memfd";
        n.cloexec = (e.args[1] & kMfdCloexec) != 0;
        n.nonblocking = false;
        break;
    }
    case NewFdKind::eventfd:
        n.kind = FdKind::eventfd;
        n.what = "eventfd";
        break;
    case NewFdKind::epoll:
        n.kind = FdKind::epoll;
        n.what = "epoll";
        n.nonblocking = false;
        break;
    case NewFdKind::timerfd:
        n.kind = FdKind::timerfd;
        n.what = "timerfd";
        break;
    case NewFdKind::signalfd:
        n.kind = FdKind::signalfd;
        n.what = "signalfd";
        break;
    case NewFdKind::inotify:
        n.kind = FdKind::inotify;
        n.what = "inotify";
        break;
    case NewFdKind::pidfd:
        n.kind = FdKind::pidfd;
        n.what = fmt::format("pidfd:{}", static_cast<std::int32_t>(e.args[0]));
        n.cloexec = true;
        break;
    case NewFdKind::fanotify:
        n.what = "fanotify";
        n.cloexec = (e.args[0] & kFanCloexec) != 0;
        n.nonblocking = (e.args[0] & kFanNonblock) != 0;
        break;
    case NewFdKind::perf_event:
        n.what = "perf_event";
        n.cloexec = (e.args[4] & kPerfCloexec) != 0;
        n.nonblocking = false;
        break;
    case NewFdKind::file:
        if (auto path = path_argument(e)) {
            n.kind = FdKind::file;
            n.what = std::move(*path);
        } else {
            n.ask_proc = true;
        }
        break;
    case NewFdKind::pipe:
    case NewFdKind::none:
        n.ask_proc = true;
        break;
    }
    return n;
}

} // namespace

const char* fd_kind_name(FdKind kind) {
    static constexpr std::array<const char*, 12> kNames{"?",       "file",  "pipe",    "socket",
                                                        "eventfd", "epoll", "timerfd", "signalfd",
                                                        "inotify", "memfd", "pidfd",   "other"};
    static_assert(kNames.size() == static_cast<std::size_t>(FdKind::other) + 1);
    const auto i = static_cast<std::size_t>(kind);
    return i < kNames.size() ? kNames[i] : "?";
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
    last.clone_flags = clone_flags(e);
    // dup2's and dup3's newfd is replaced, not used: it need not be known (unless it is also oldfd).
    const int replaced = fd_at(e, Fact::replaces_fd);
    const std::vector<int> fds = fd_arguments(e);
    for (std::size_t i = 0; i < fds.size(); ++i) {
        if (i > 0 && fds[i] == replaced) continue;
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
    if (e.entry == nullptr) return {};
    const SyscallFacts& facts = e.entry->facts;
    if (!succeeded(e)) {
        // close frees the fd even when it fails (EINTR, EIO), unless the fd was not open.
        if (facts.has(Fact::closes_fd) && e.exited && e.error != 0 && e.error != EBADF)
            close_fd(table_of(e.pid), fd_at(e, Fact::closes_fd), e.exit_time);
        return {};
    }
    const Nanos now = e.exit_time;
    if (facts.has(Fact::closes_fd)) {
        close_fd(table_of(e.pid), fd_at(e, Fact::closes_fd), now);
    } else if (facts.has(Fact::closes_range)) {
        close_range(e);
    } else if (facts.has(Fact::execs)) {
        close_on_exec(e.pid, now);
    } else if (facts.has(Fact::unshares)) {
        if ((e.args[index_of(e, Fact::unshares)] & CLONE_FILES) != 0) unshare(e.pid);
    } else if (facts.has(Fact::fcntl)) {
        return apply_fcntl(e);
    } else if (facts.has(Fact::socket_setup)) {
        if (auto id = find(e.pid, fd_at(e, Fact::socket_setup))) refine_socket(*id);
    } else if (facts.has(Fact::new_fds)) {
        return open_array(e);
    } else if (e.entry->ret == RetKind::fd && e.ret >= 0) {
        return open_returned(e);
    }
    return {};
}

// close_range(fd, max_fd, flags): closes the range, or marks it close-on-exec.
void FdTracker::close_range(const SyscallEvent& e) {
    if ((e.args[2] & CLOSE_RANGE_UNSHARE) != 0) unshare(e.pid);
    Table& t = table_of(e.pid);
    const auto first = static_cast<unsigned>(e.args[0]);
    const auto last = static_cast<unsigned>(e.args[1]);
    std::vector<int> in_range;
    for (const auto& [fd, id] : t.open) {
        if (static_cast<unsigned>(fd) >= first && static_cast<unsigned>(fd) <= last) in_range.push_back(fd);
    }
    for (const int fd : in_range) {
        if ((e.args[2] & CLOSE_RANGE_CLOEXEC) != 0) {
            m_lives[t.open[fd]].cloexec = true;
        } else {
            close_fd(t, fd, e.exit_time);
        }
    }
}

void FdTracker::close_on_exec(pid_t pid, Nanos now) {
    unshare(pid);
    Table& t = table_of(pid);
    std::vector<int> closing;
    for (const auto& [fd, id] : t.open) {
        if (m_lives[id].cloexec) closing.push_back(fd);
    }
    for (const int fd : closing)
        close_fd(t, fd, now);
}

// fcntl(fd, cmd, arg): what it does depends on the command.
std::vector<std::size_t> FdTracker::apply_fcntl(const SyscallEvent& e) {
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
    if ((cmd != F_DUPFD && cmd != F_DUPFD_CLOEXEC) || e.ret < 0) return {};
    FdLife copy = id ? m_lives[*id] : FdLife{};
    const std::size_t n = open_life(e.pid, static_cast<int>(e.ret), copy.kind, copy.what, e.exit_time);
    m_lives[n].nonblocking = copy.nonblocking;
    m_lives[n].nonblock_known = copy.nonblock_known;
    m_lives[n].cloexec = cmd == F_DUPFD_CLOEXEC;
    return {n};
}

// pipe, pipe2, socketpair: the new fds are in an array argument.
std::vector<std::size_t> FdTracker::open_array(const SyscallEvent& e) {
    std::vector<std::size_t> created;
    const SyscallFacts& facts = e.entry->facts;
    const bool pair = facts.fd_kind == NewFdKind::socket;
    const std::uint64_t flags = flags_argument(e); // pipe2's flags, socketpair's type
    for (const int fd : fd_pair(value_of(e, index_of(e, Fact::new_fds)))) {
        std::string what = pair ? fmt::format("socketpair {}", socket_type(flags) ? socket_type(flags) : "")
                                : std::string("pipe");
        auto target = resolve(e.pid, fd);
        if (target) {
            std::string described = describe(e.pid, *target);
            if (!pair || described.rfind("socket:[", 0) != 0) what = std::move(described);
        }
        const std::size_t n =
            open_life(e.pid, fd, pair ? FdKind::socket : FdKind::pipe, std::move(what), e.exit_time);
        if (target) m_lives[n].target = std::move(*target);
        m_lives[n].nonblocking = (flags & O_NONBLOCK) != 0;
        m_lives[n].nonblock_known = true;
        m_lives[n].cloexec = (flags & O_CLOEXEC) != 0;
        created.push_back(n);
    }
    return created;
}

// A call that returns a new fd: a copy (dup), an accepted connection, or what the table's kind says.
std::vector<std::size_t> FdTracker::open_returned(const SyscallEvent& e) {
    const SyscallFacts& facts = e.entry->facts;
    // signalfd on an existing signalfd changes its mask: the same fd, no new life.
    if (facts.fd_kind == NewFdKind::signalfd && static_cast<std::int32_t>(e.args[0]) >= 0) return {};
    const int fd = static_cast<int>(e.ret);
    std::optional<std::size_t> source;
    NewFd made;
    if (facts.has(Fact::dups_fd)) {
        // dup and dup2 have no flags argument: the copy is not close-on-exec.
        made = plain_fd(e);
        source = find(e.pid, fd_at(e, Fact::dups_fd));
    } else if (facts.has(Fact::accepts)) {
        made = plain_fd(e);
        made.kind = FdKind::socket;
        made.what = "accepted socket";
        if (auto listener = find(e.pid, fd_at(e, Fact::accepts)))
            made.what = fmt::format("accepted from {}", m_lives[*listener].what);
        made.ask_proc = true;
    } else {
        made = new_fd_of(e);
    }
    std::optional<std::string> target;
    if (source) {
        const FdLife copy = m_lives[*source];
        made.kind = copy.kind;
        made.what = copy.what;
        made.nonblocking = copy.nonblocking;
    } else if (made.ask_proc || m_config.verify) {
        target = resolve(e.pid, fd);
        if (made.ask_proc && target) {
            std::string described = describe(e.pid, *target);
            if (described.rfind("socket:[", 0) != 0) made.what = std::move(described);
            if (made.kind == FdKind::other) made.kind = kind_of_target(*target);
        }
    }
    if (made.what.empty()) made.what = e.entry->name;
    const std::size_t n = open_life(e.pid, fd, made.kind, std::move(made.what), e.exit_time);
    m_lives[n].cloexec = made.cloexec;
    m_lives[n].nonblocking = made.nonblocking;
    m_lives[n].nonblock_known = !source || m_lives[*source].nonblock_known;
    if (source) target = m_lives[*source].target;
    if (target) m_lives[n].target = std::move(*target);
    return {n};
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
