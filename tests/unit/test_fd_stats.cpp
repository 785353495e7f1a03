// --fd-stats: fd lives (created, copied, closed), the per-life counts and the table.
#include "trace/report/fd_stats.hpp"

#include "mem_file.hpp"

#include <cerrno>
#include <csignal>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <map>
#include <sched.h>
#include <string>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>
#include <vector>

using namespace trace;

namespace {

constexpr Nanos kUs = 1000;

// A /proc stand-in: which fds each process has open before trace saw them.
struct FakeProc {
    std::map<std::pair<pid_t, int>, std::string> fds;
    FdTrackerConfig config(bool verify = false) {
        FdTrackerConfig c;
        c.resolver = [this](pid_t pid, int fd) -> std::optional<std::string> {
            auto it = fds.find({pid, fd});
            if (it == fds.end()) return std::nullopt;
            return it->second;
        };
        c.describer = [](pid_t, const std::string& target) -> std::optional<std::string> {
            if (target == "socket:[77]") return "TCP:[127.0.0.1:80->127.0.0.1:4000]";
            return std::nullopt;
        };
        c.verify = verify;
        return c;
    }
};

// A FakeProc with no fds that outlives the reporters (config()'s resolver keeps a pointer to it).
FakeProc& no_proc() {
    static FakeProc none;
    return none;
}

// Feeds finished calls to a reporter, each taking `took` from a running clock.
class Driver {
public:
    explicit Driver(Reporter& r) : m_r(r) {}
    SyscallEvent make(pid_t tid, const char* name, std::vector<std::uint64_t> args, std::int64_t ret,
                      std::vector<Value> values = {}, pid_t pid = 0) {
        SyscallEvent e;
        e.tid = tid;
        e.pid = pid != 0 ? pid : tid;
        e.entry = find_syscall(name);
        REQUIRE(e.entry != nullptr);
        e.nr = e.entry->nr;
        for (std::size_t i = 0; i < args.size(); ++i)
            e.args[i] = args[i];
        e.values = std::move(values);
        e.ret = ret;
        e.error = ret < 0 && ret >= -4095 ? static_cast<int>(-ret) : 0;
        e.exited = true;
        e.entry_time = m_now;
        m_now += took;
        e.exit_time = m_now;
        m_now += kUs;
        return e;
    }
    void call(pid_t tid, const char* name, std::vector<std::uint64_t> args, std::int64_t ret,
              std::vector<Value> values = {}, pid_t pid = 0) {
        const SyscallEvent e = make(tid, name, std::move(args), ret, std::move(values), pid);
        m_r.on_syscall_entry(e);
        m_r.on_syscall_exit(e);
    }
    Nanos took = 2 * kUs;

private:
    Reporter& m_r;
    Nanos m_now = 1'000'000'000;
};

std::uint64_t neg(int v) {
    return static_cast<std::uint64_t>(static_cast<std::int64_t>(v));
}

std::vector<Value> openat_values(const char* path) {
    return {Value::symbol("AT_FDCWD", neg(AT_FDCWD)), Value::string(path, false),
            Value::symbol("O_RDONLY", 0), Value::omit()};
}

const FdLife& life_of(const FdStatsReporter& r, pid_t pid, int fd, std::size_t nth = 0) {
    for (const FdLife& l : r.tracker().lives()) {
        if (l.pid == pid && l.fd == fd && nth-- == 0) return l;
    }
    FAIL("no such fd life");
    throw;
}

} // namespace

TEST_CASE("fd_stats::io_bytes") {
    MemFile f;
    FdStatsReporter r(f.output(), no_proc().config());
    Driver d(r);
    SyscallEvent read = d.make(1, "read", {3, 0x1000, 100}, 40);
    auto io = io_bytes(read);
    REQUIRE(io);
    CHECK(io->reads);
    CHECK(io->requested == 100u);
    CHECK(io->transferred == 40u);

    Value iov = Value::array();
    iov.push(Value::structure()
                 .add("iov_base", Value::string("ab", false))
                 .add("iov_len", Value::unsigned_int(2)));
    iov.push(Value::structure()
                 .add("iov_base", Value::string("cde", false))
                 .add("iov_len", Value::unsigned_int(30)));
    SyscallEvent writev =
        d.make(1, "writev", {3, 0x1000, 2}, 32, {Value::fd(3), iov, Value::unsigned_int(2)});
    io = io_bytes(writev);
    REQUIRE(io);
    CHECK_FALSE(io->reads);
    CHECK(io->requested == 32u);
    CHECK(io->transferred == 32u);

    SyscallEvent undecoded = d.make(1, "readv", {3, 0x1000, 2}, 7);
    io = io_bytes(undecoded);
    REQUIRE(io);
    CHECK_FALSE(io->requested.has_value());
    CHECK(io->transferred == 7u);

    CHECK(io_bytes(d.make(1, "sendfile", {4, 3, 0, 4096}, 100))->requested == 4096u);
    CHECK_FALSE(io_bytes(d.make(1, "copy_file_range", {3, 0, 4, 0, 0x7fffffffc0000000, 0}, 100))->requested);
    CHECK(io_bytes(d.make(1, "read", {3, 0x1000, 100}, -EAGAIN))->transferred == 0u);
    CHECK_FALSE(io_bytes(d.make(1, "close", {3}, 0)));
}

TEST_CASE("fd_stats::lives: open, reads, close; the fd reused is a new life") {
    MemFile f;
    FdStatsReporter r(f.output(), no_proc().config());
    Driver d(r);
    d.call(1, "openat", {neg(AT_FDCWD), 0x1000, O_RDONLY}, 3, openat_values("/etc/motd"));
    d.call(1, "read", {3, 0x2000, 100}, 100);
    d.call(1, "read", {3, 0x2000, 100}, 40);
    d.call(1, "read", {3, 0x2000, 100}, 0);
    d.call(1, "close", {3}, 0);
    d.call(1, "openat", {neg(AT_FDCWD), 0x1000, O_WRONLY | O_CLOEXEC}, 3, openat_values("out.txt"));
    d.call(1, "write", {3, 0x2000, 10}, -EAGAIN);
    d.call(1, "write", {3, 0x2000, 10}, 10);
    d.call(1, "close", {100}, -EBADF);

    REQUIRE(r.tracker().lives().size() == 2);
    const FdLife& first = life_of(r, 1, 3, 0);
    CHECK(first.what == "/etc/motd");
    CHECK(first.kind == FdKind::file);
    CHECK(first.closed != 0);
    CHECK_FALSE(first.cloexec);
    const FdLife& second = life_of(r, 1, 3, 1);
    CHECK(second.what == "out.txt");
    CHECK(second.cloexec);
    CHECK(second.closed == 0);

    const FdCallStats& a = r.stats()[first.id].total;
    CHECK(a.calls == 5);
    CHECK(a.requested == 300);
    CHECK(a.transferred == 140);
    CHECK(a.short_transfers == 2);
    CHECK(a.errors == 0);
    CHECK(a.time == 10 * kUs);
    const FdCallStats& b = r.stats()[second.id].total;
    CHECK(b.calls == 3);
    CHECK(b.eagain == 1);
    CHECK(b.errors == 1);
    CHECK(b.transferred == 10);

    r.on_finish();
    CHECK(
        f.text() ==
        "\nfd statistics: 2 descriptors (bytes; time in seconds)\n"
        "    pid    fd    calls  requested  transferred  short  EAGAIN  errors     seconds  what\n"
        "------- ----- -------- ---------- ------------ ------ ------- ------- ----------- ----------------\n"
        "      1     3        5        300          140      2       0       0    0.000010  /etc/motd\n"
        "                     1          -            -      -       0       0    0.000002    openat\n"
        "                     3        300          140      2       0       0    0.000006    read\n"
        "                     1          -            -      -       0       0    0.000002    close\n"
        "      1     3        3         20           10      0       1       1    0.000006  out.txt (open at "
        "exit)\n"
        "                     1          -            -      -       0       0    0.000002    openat\n"
        "                     2         20           10      0       1       1    0.000004    write\n"
        "------- ----- -------- ---------- ------------ ------ ------- ------- ----------- "
        "----------------\n");
}

TEST_CASE("fd_stats::lives: fds in use before trace saw them are described from /proc") {
    MemFile f;
    FakeProc proc;
    proc.fds[{7, 1}] = "/dev/pts/3";
    proc.fds[{7, 5}] = "socket:[77]";
    FdStatsReporter r(f.output(), proc.config());
    Driver d(r);
    d.call(7, "write", {1, 0x1000, 6}, 6);
    d.call(7, "recvfrom", {5, 0x1000, 4096, 0, 0, 0}, 1000);
    d.call(7, "write", {9, 0x1000, 6}, -EBADF); // not open: no life
    REQUIRE(r.tracker().lives().size() == 2);
    CHECK(life_of(r, 7, 1).what == "/dev/pts/3");
    CHECK(life_of(r, 7, 1).inherited);
    CHECK(life_of(r, 7, 5).kind == FdKind::socket);
    CHECK(r.stats()[life_of(r, 7, 5).id].total.short_transfers == 1);
}

TEST_CASE("fd_stats::lives: dup2 over an open fd ends its life; the copy is described like the original") {
    MemFile f;
    FdStatsReporter r(f.output(), no_proc().config());
    Driver d(r);
    d.call(1, "openat", {neg(AT_FDCWD), 0x1000, O_RDONLY}, 3, openat_values("a"));
    d.call(1, "openat", {neg(AT_FDCWD), 0x1000, O_RDONLY}, 4, openat_values("b"));
    d.call(1, "dup2", {3, 4}, 4);
    CHECK(life_of(r, 1, 4, 0).what == "b");
    CHECK(life_of(r, 1, 4, 0).closed != 0);
    CHECK(life_of(r, 1, 4, 1).what == "a");
    CHECK(life_of(r, 1, 4, 1).closed == 0);
    d.call(1, "fcntl", {4, F_DUPFD_CLOEXEC, 10}, 10);
    CHECK(life_of(r, 1, 10).what == "a");
    CHECK(life_of(r, 1, 10).cloexec);
    // the dup2 counts on the three lives it touched
    CHECK(r.stats()[life_of(r, 1, 3).id].total.calls == 2); // openat, dup2
    CHECK(r.stats()[life_of(r, 1, 4, 0).id].total.calls == 2);
    CHECK(r.stats()[life_of(r, 1, 4, 1).id].total.calls == 2);
}

TEST_CASE("fd_stats::lives: pipes, sockets, eventfd and non-blocking flags") {
    MemFile f;
    FakeProc proc;
    proc.fds[{1, 3}] = "pipe:[100]";
    proc.fds[{1, 4}] = "pipe:[100]";
    FdStatsReporter r(f.output(), proc.config());
    Driver d(r);
    Value pair = Value::array();
    pair.push(Value::fd(3)).push(Value::fd(4));
    d.call(1, "pipe2", {0x1000, O_NONBLOCK}, 0, {pair, Value::symbol("O_NONBLOCK", O_NONBLOCK)});
    CHECK(life_of(r, 1, 3).kind == FdKind::pipe);
    CHECK(life_of(r, 1, 3).what == "pipe:[100]");
    CHECK(life_of(r, 1, 4).nonblocking);
    d.call(1, "socket", {AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0}, 5);
    CHECK(life_of(r, 1, 5).what == "socket AF_INET SOCK_STREAM");
    CHECK(life_of(r, 1, 5).cloexec);
    CHECK_FALSE(life_of(r, 1, 5).nonblocking);
    d.call(1, "fcntl", {5, F_SETFL, O_RDWR | O_NONBLOCK}, 0);
    CHECK(life_of(r, 1, 5).nonblocking);
    CHECK(life_of(r, 1, 5).nonblock_set_later);
    d.call(1, "accept4", {5, 0, 0, SOCK_NONBLOCK}, 6);
    CHECK(life_of(r, 1, 6).what == "accepted from socket AF_INET SOCK_STREAM");
    CHECK(life_of(r, 1, 6).nonblocking);
    d.call(1, "eventfd2", {0, 0}, 7);
    CHECK(life_of(r, 1, 7).kind == FdKind::eventfd);
    d.call(1, "epoll_create1", {O_CLOEXEC}, 8);
    CHECK(life_of(r, 1, 8).kind == FdKind::epoll);
    CHECK(life_of(r, 1, 8).cloexec);
}

TEST_CASE(
    "fd_stats::lives: fork copies the table, CLONE_FILES shares it, threads use it, exec closes O_CLOEXEC") {
    MemFile f;
    FdStatsReporter r(f.output(), no_proc().config());
    Driver d(r);
    r.on_process_start({10, 10, 0, 0, false});
    d.call(10, "openat", {neg(AT_FDCWD), 0x1000, O_RDONLY}, 3, openat_values("kept"));
    d.call(10, "openat", {neg(AT_FDCWD), 0x1000, O_RDONLY | O_CLOEXEC}, 4, openat_values("cloexec"));

    // fork: child 11 has its own copies
    SyscallEvent fork = d.make(10, "clone", {static_cast<std::uint64_t>(SIGCHLD), 0, 0, 0, 0}, 11);
    r.on_syscall_entry(fork);
    r.on_process_start({11, 11, 10, fork.entry_time, false});
    r.on_syscall_exit(fork);
    d.call(11, "read", {3, 0x1000, 10}, 10);
    d.call(11, "close", {3}, 0);
    CHECK(life_of(r, 11, 3).inherited);
    CHECK(life_of(r, 11, 3).closed != 0);
    CHECK(life_of(r, 10, 3).closed == 0);
    CHECK(r.stats()[life_of(r, 10, 3).id].total.calls == 1);

    // a thread of 10 closes in 10's table
    r.on_process_start({12, 10, 10, 0, false});
    d.call(12, "close", {4}, 0, {}, 10);
    CHECK(life_of(r, 10, 4).closed != 0);

    // clone(CLONE_FILES): 13 shares 10's table
    SyscallEvent share =
        d.make(10, "clone", {static_cast<std::uint64_t>(CLONE_FILES | SIGCHLD), 0, 0, 0, 0}, 13);
    r.on_syscall_entry(share);
    r.on_process_start({13, 13, 10, share.entry_time, false});
    r.on_syscall_exit(share);
    d.call(13, "openat", {neg(AT_FDCWD), 0x1000, O_RDONLY | O_CLOEXEC}, 5, openat_values("shared"));
    REQUIRE(r.tracker().find(10, 5));
    // exec in 13 unshares, then closes its O_CLOEXEC fds only
    d.call(13, "execve", {0x1000, 0x2000, 0x3000}, 0);
    CHECK_FALSE(r.tracker().find(13, 5));
    CHECK(r.tracker().find(10, 5));
    CHECK(r.tracker().find(13, 3));

    // the process exits: its lives end
    r.on_process_exit({10, 10, false, 0, false, 5'000'000'000});
    CHECK(life_of(r, 10, 3).closed == 5'000'000'000);
}

TEST_CASE("fd_stats::table: sorted by bytes, lives without calls left out") {
    std::vector<FdLife> lives(3);
    std::vector<FdLifeStats> stats(3);
    const long read = find_syscall("read")->nr;
    for (std::size_t i = 0; i < 3; ++i) {
        lives[i].id = i;
        lives[i].pid = 5;
        lives[i].fd = static_cast<int>(i + 3);
        lives[i].what = fmt::format("f{}", i);
        lives[i].closed = 1;
    }
    stats[0].total.calls = 1;
    stats[0].total.transferred = 5;
    stats[0].by_syscall.push_back({read, stats[0].total});
    stats[2].total.calls = 1;
    stats[2].total.transferred = 500;
    stats[2].by_syscall.push_back({read, stats[2].total});
    fmt::memory_buffer out;
    render_fd_stats(out, lives, stats);
    const std::string text = fmt::to_string(out);
    CHECK(text.find("1 descriptor") == std::string::npos);
    CHECK(text.find("2 descriptors") != std::string::npos);
    CHECK(text.find("f2") < text.find("f0"));
    CHECK(text.find("f1") == std::string::npos);
}

TEST_CASE("fd_stats::lives: with -e trace=, fds are checked against /proc when used") {
    MemFile f;
    FakeProc proc;
    proc.fds[{1, 3}] = "/tmp/a";
    FdStatsReporter r(f.output(), proc.config(true));
    Driver d(r);
    d.call(1, "read", {3, 0x1000, 10}, 10);
    d.call(1, "read", {3, 0x1000, 10}, 10);
    proc.fds[{1, 3}] = "/tmp/b"; // closed and opened again by untraced calls
    d.call(1, "read", {3, 0x1000, 10}, 5);
    proc.fds.erase({1, 3}); // closed
    d.call(1, "read", {3, 0x1000, 10}, -EBADF);
    REQUIRE(r.tracker().lives().size() == 2);
    CHECK(life_of(r, 1, 3, 0).what == "/tmp/a");
    CHECK(life_of(r, 1, 3, 0).closed != 0);
    CHECK(r.stats()[0].total.transferred == 20);
    CHECK(life_of(r, 1, 3, 1).what == "/tmp/b");
    CHECK(life_of(r, 1, 3, 1).closed != 0);
    CHECK(r.stats()[1].total.transferred == 5);
}
