// --hide-errno / --hide-empty-polls: the decorator around the trace reporter.
#include "trace/report/errno_filter.hpp"

#include "mem_file.hpp"
#include "trace/report/poll_filter.hpp"
#include "trace/report/strace_reporter.hpp"

#include <cerrno>
#include <doctest/doctest.h>
#include <string>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

using namespace trace;

namespace {

// Records the events it gets as "entry read", "exit read".
class Recorder final : public Reporter {
public:
    explicit Recorder(std::vector<std::string>& log) : m_log(log) {}
    void on_syscall_entry(const SyscallEvent& e) override {
        m_log.push_back(std::string("entry ") + e.entry->name);
    }
    void on_syscall_exit(const SyscallEvent& e) override {
        m_log.push_back(std::string("exit ") + e.entry->name);
    }
    void on_finish() override { m_log.emplace_back("finish"); }

private:
    std::vector<std::string>& m_log;
};

SyscallEvent call(pid_t tid, const char* name, std::int64_t ret, std::vector<Value> values = {}) {
    SyscallEvent e;
    e.tid = tid;
    e.pid = tid;
    e.entry = find_syscall(name);
    REQUIRE(e.entry != nullptr);
    e.nr = e.entry->nr;
    e.values = std::move(values);
    e.entry_time = 1'000'000'000;
    e.exit_time = 1'000'100'000;
    e.ret = ret;
    e.error = ret < 0 && ret >= -4095 ? static_cast<int>(-ret) : 0;
    e.exited = true;
    return e;
}

void run(Reporter& r, const SyscallEvent& e) {
    r.on_syscall_entry(e);
    r.on_syscall_exit(e);
}

} // namespace

TEST_CASE("poll_filter::is_empty_poll") {
    CHECK(is_empty_poll(call(1, "epoll_wait", 0)));
    CHECK(is_empty_poll(call(1, "poll", 0)));
    CHECK(is_empty_poll(call(1, "pselect6", 0)));
    CHECK(is_empty_poll(call(1, "epoll_pwait2", 0)));
    CHECK_FALSE(is_empty_poll(call(1, "epoll_wait", 1)));
    CHECK_FALSE(is_empty_poll(call(1, "epoll_wait", -EINTR)));
    CHECK_FALSE(is_empty_poll(call(1, "read", 0)));
    auto unfinished = call(1, "poll", 0);
    unfinished.exited = false;
    unfinished.unfinished = true;
    CHECK_FALSE(is_empty_poll(unfinished));
}

TEST_CASE("errno_filter: calls failed with a hidden errno reach the trace neither at entry nor at exit") {
    std::vector<std::string> log;
    MemFile file;
    HideFilter filter(HideConfig{{EAGAIN, EINTR}, false}, std::make_unique<Recorder>(log), file.output());
    run(filter, call(1, "read", -EAGAIN));
    run(filter, call(1, "read", 5));
    run(filter, call(1, "write", -EINTR));
    run(filter, call(1, "write", -EPIPE));
    run(filter, call(1, "read", -EAGAIN));
    filter.on_finish();
    CHECK(log == std::vector<std::string>{"entry read", "exit read", "entry write", "exit write", "finish"});
    CHECK(file.text() == "trace: 3 calls hidden: read 2, write 1\n");
}

TEST_CASE("errno_filter: EINTR also hides the restart codes a tracer sees for interrupted calls") {
    std::vector<std::string> log;
    MemFile file;
    HideFilter filter(HideConfig{{EINTR}, false}, std::make_unique<Recorder>(log), file.output());
    run(filter, call(1, "read", -512));  // ERESTARTSYS
    run(filter, call(1, "pause", -514)); // ERESTARTNOHAND
    run(filter, call(1, "read", -EINTR));
    filter.on_finish();
    CHECK(log == std::vector<std::string>{"finish"});
    std::vector<std::string> log2;
    HideFilter other(HideConfig{{EAGAIN}, false}, std::make_unique<Recorder>(log2), file.output());
    run(other, call(1, "read", -512));
    CHECK(log2 == std::vector<std::string>{"entry read", "exit read"});
}

TEST_CASE("errno_filter: empty polls are hidden, other poll results and other calls pass") {
    std::vector<std::string> log;
    MemFile file;
    HideFilter filter(HideConfig{{}, true}, std::make_unique<Recorder>(log), file.output());
    SyscallEvent read = call(1, "read", -EAGAIN);
    filter.on_syscall_entry(read);
    CHECK(log == std::vector<std::string>{"entry read"}); // not a candidate: its entry goes through at once
    filter.on_syscall_exit(read);
    SyscallEvent empty = call(1, "epoll_wait", 0);
    filter.on_syscall_entry(empty);
    CHECK(log.size() == 2); // held
    filter.on_syscall_exit(empty);
    CHECK(log.size() == 2); // and dropped
    run(filter, call(1, "epoll_wait", 2));
    run(filter, call(1, "poll", 0));
    filter.on_finish();
    CHECK(log == std::vector<std::string>{"entry read", "exit read", "entry epoll_wait", "exit epoll_wait",
                                          "finish"});
    CHECK(file.text() == "trace: 2 calls hidden: epoll_wait 1, poll 1\n");
}

TEST_CASE("errno_filter: unfinished calls are never hidden; no hidden call still prints its line") {
    std::vector<std::string> log;
    MemFile file;
    HideFilter filter(HideConfig{{EAGAIN}, true}, std::make_unique<Recorder>(log), file.output());
    SyscallEvent e = call(1, "poll", 0);
    e.exited = false;
    e.unfinished = true;
    run(filter, e);
    filter.on_finish();
    CHECK(log == std::vector<std::string>{"entry poll", "exit poll", "finish"});
    CHECK(file.text() == "trace: 0 calls hidden\n");
}

TEST_CASE("errno_filter: with the strace reporter, a held call of one thread is a whole line") {
    MemFile file;
    auto out = file.output();
    HideFilter filter(HideConfig{{EAGAIN}, false}, std::make_unique<StraceReporter>(TraceFormat{}, out, 0),
                      out);
    filter.on_process_start({1, 1, 0, 0, false});
    filter.on_process_start({2, 1, 1, 0, false});
    SyscallEvent a = call(1, "close", 0, {Value::fd(3)});
    SyscallEvent b = call(2, "close", -EAGAIN, {Value::fd(4)});
    SyscallEvent c = call(2, "close", -EBADF, {Value::fd(5)});
    filter.on_syscall_entry(a);
    filter.on_syscall_entry(b);
    filter.on_syscall_exit(b);
    filter.on_syscall_entry(c);
    filter.on_syscall_exit(c);
    filter.on_syscall_exit(a);
    filter.on_finish();
    CHECK(file.text() == "[pid     2] close(5)                    = -1 EBADF (Bad file descriptor)\n"
                         "[pid     1] close(3)                    = 0\n"
                         "trace: 1 call hidden: close 1\n");
}
