#include "trace/report/strace_reporter.hpp"

#include "mem_file.hpp"
#include "trace/report/messages_reporter.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

using namespace trace;

namespace {

// A StraceReporter writing into an in-memory file, for reading back what it printed.
class Capture {
public:
    explicit Capture(TraceFormat format, std::int64_t realtime_offset = 0)
        : m_reporter(std::make_unique<StraceReporter>(std::move(format), m_file.output(), realtime_offset)) {}
    StraceReporter& operator*() { return *m_reporter; }
    StraceReporter* operator->() { return m_reporter.get(); }
    std::string text() {
        m_reporter->flush();
        return m_file.text();
    }

private:
    MemFile m_file;
    std::unique_ptr<StraceReporter> m_reporter;
};

SyscallEvent call(pid_t tid, const char* name, std::vector<Value> values) {
    SyscallEvent e;
    e.tid = tid;
    e.pid = tid;
    e.entry = find_syscall(name);
    REQUIRE(e.entry != nullptr);
    e.nr = e.entry->nr;
    e.values = std::move(values);
    e.entry_time = 1'000'000'000;
    return e;
}

void finish(SyscallEvent& e, std::int64_t ret, std::vector<Value> outputs = {}) {
    e.exited = true;
    e.ret = ret;
    e.error = ret < 0 && ret >= -4095 ? static_cast<int>(-ret) : 0;
    e.exit_time = e.entry_time + 12'345'678;
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        if (outputs[i].type != ValueType::Unknown) e.values[i] = outputs[i];
    }
}

} // namespace

TEST_CASE("StraceReporter: a call is one line with '=' in column 40") {
    Capture cap{TraceFormat{}};
    auto e = call(7, "close", {Value::fd(3)});
    cap->on_process_start({7, 7, 0, 0, false});
    cap->on_syscall_entry(e);
    finish(e, 0);
    cap->on_syscall_exit(e);
    CHECK(cap.text() == "close(3)                                = 0\n");
}

TEST_CASE("StraceReporter: errors print -1, the errno name and its message") {
    Capture cap{TraceFormat{}};
    auto e = call(7, "close", {Value::fd(99)});
    cap->on_process_start({7, 7, 0, 0, false});
    cap->on_syscall_entry(e);
    finish(e, -9);
    cap->on_syscall_exit(e);
    CHECK(cap.text() == "close(99)                               = -1 EBADF (Bad file descriptor)\n");
}

TEST_CASE("StraceReporter: restart codes print '?'") {
    Capture cap{TraceFormat{}};
    auto e = call(7, "pause", {});
    cap->on_process_start({7, 7, 0, 0, false});
    cap->on_syscall_entry(e);
    finish(e, -514);
    cap->on_syscall_exit(e);
    CHECK(cap.text() ==
          "pause()                                 = ? ERESTARTNOHAND (To be restarted if no handler)\n");
}

TEST_CASE("StraceReporter: interleaved calls are cut and resumed") {
    Capture cap{TraceFormat{}};
    cap->on_process_start({1, 1, 0, 0, false});
    cap->on_process_start({2, 1, 1, 0, false});
    auto read = call(1, "read", {Value::fd(0), Value::unknown(), Value::unsigned_int(1)});
    cap->on_syscall_entry(read);
    auto getpid = call(2, "getpid", {});
    cap->on_syscall_entry(getpid);
    finish(getpid, 1);
    cap->on_syscall_exit(getpid);
    finish(read, 1, {Value::unknown(), Value::string("x", false)});
    cap->on_syscall_exit(read);
    CHECK(cap.text() == "[pid     1] read(0,  <unfinished ...>\n"
                        "[pid     2] getpid()                    = 1\n"
                        "[pid     1] <... read resumed>\"x\", 1)   = 1\n");
}

TEST_CASE("StraceReporter: -o with -f prefixes every line with the pid") {
    TraceFormat f;
    f.plain_pid_prefix = true;
    Capture cap{f};
    cap->on_process_start({42, 42, 0, 0, false});
    auto e = call(42, "getppid", {});
    cap->on_syscall_entry(e);
    finish(e, 1);
    cap->on_syscall_exit(e);
    cap->on_process_exit(ExitEvent{42, 42, false, 3, false, 0});
    CHECK(cap.text() == "42    getppid()                         = 1\n"
                        "42    +++ exited with 3 +++\n");
}

TEST_CASE("StraceReporter: -T and -ttt") {
    TraceFormat f;
    f.durations = true;
    f.timestamps = 3;
    Capture cap{f, 1'700'000'000'000'000'000};
    cap->on_process_start({7, 7, 0, 0, false});
    auto e = call(7, "getppid", {});
    cap->on_syscall_entry(e);
    finish(e, 1);
    cap->on_syscall_exit(e);
    CHECK(cap.text() == "1700000001.000000 getppid()             = 1 <0.012345>\n");
}

TEST_CASE("StraceReporter: -r prints the time since the previous line") {
    TraceFormat f;
    f.relative = true;
    Capture cap{f};
    cap->on_process_start({7, 7, 0, 0, false});
    auto a = call(7, "getppid", {});
    cap->on_syscall_entry(a);
    finish(a, 1);
    cap->on_syscall_exit(a);
    auto b = call(7, "getppid", {});
    b.entry_time += 1'500'000;
    cap->on_syscall_entry(b);
    finish(b, 1);
    cap->on_syscall_exit(b);
    CHECK(cap.text() == "     0.000000 getppid()                 = 1\n"
                        "     0.001500 getppid()                 = 1\n");
}

TEST_CASE("StraceReporter: a call cut by the death of its process ends with '= ?'") {
    Capture cap{TraceFormat{}};
    cap->on_process_start({7, 7, 0, 0, false});
    auto e = call(7, "exit_group", {Value::signed_int(0)});
    cap->on_syscall_entry(e);
    e.unfinished = true;
    cap->on_syscall_exit(e);
    cap->on_process_exit(ExitEvent{7, 7, false, 0, false, 0});
    CHECK(cap.text() == "exit_group(0)                           = ?\n"
                        "+++ exited with 0 +++\n");
}

TEST_CASE("StraceReporter: a blocked read cut by death shows <unfinished ...>") {
    Capture cap{TraceFormat{}};
    cap->on_process_start({7, 7, 0, 0, false});
    auto e = call(7, "read", {Value::fd(0), Value::unknown(), Value::unsigned_int(10)});
    cap->on_syscall_entry(e);
    e.unfinished = true;
    cap->on_syscall_exit(e);
    cap->on_process_exit(ExitEvent{7, 7, true, 9, false, 0});
    CHECK(cap.text() == "read(0,  <unfinished ...>)              = ?\n"
                        "+++ killed by SIGKILL +++\n");
}

TEST_CASE("StraceReporter: -e status=failed prints only failed calls") {
    TraceFormat f;
    f.show_successful = false;
    f.show_unfinished = false;
    f.show_detached = false;
    Capture cap{f};
    cap->on_process_start({7, 7, 0, 0, false});
    auto ok = call(7, "close", {Value::fd(3)});
    cap->on_syscall_entry(ok);
    finish(ok, 0);
    cap->on_syscall_exit(ok);
    auto bad = call(7, "close", {Value::fd(4)});
    cap->on_syscall_entry(bad);
    finish(bad, -9);
    cap->on_syscall_exit(bad);
    CHECK(cap.text() == "close(4)                                = -1 EBADF (Bad file descriptor)\n");
}

TEST_CASE("StraceReporter: signals, group stops and killed processes") {
    Capture cap{TraceFormat{}};
    cap->on_process_start({7, 7, 0, 0, false});
    SignalEvent stop;
    stop.tid = stop.pid = 7;
    stop.signo = SIGTSTP;
    stop.group_stop = true;
    cap->on_signal(stop);
    cap->on_process_exit(ExitEvent{7, 7, true, SIGSEGV, true, 0});
    CHECK(cap.text() == "--- stopped by SIGTSTP ---\n"
                        "+++ killed by SIGSEGV (core dumped) +++\n");
}

TEST_CASE("StraceReporter: exec from a thread supersedes the leader") {
    Capture cap{TraceFormat{}};
    cap->on_process_start({10, 10, 0, 0, false});
    cap->on_process_start({11, 10, 10, 0, false});
    auto e =
        call(11, "execve",
             {Value::string("/bin/true", false), Value::raw("[\"true\"]"), Value::raw("0x1 /* 1 var */")});
    cap->on_syscall_entry(e);
    cap->on_exec(ExecEvent{11, 10, 0});
    e.tid = 10;
    finish(e, 0);
    cap->on_syscall_exit(e);
    CHECK(cap.text() == "[pid    11] execve(\"/bin/true\", [\"true\"], 0x1 /* 1 var */ <unfinished ...>\n"
                        "[pid    10] +++ superseded by execve in pid 11 +++\n"
                        "<... execve resumed>)                   = 0\n");
}

TEST_CASE("StraceReporter: a message on the trace's stream ends the open line first, never cuts it") {
    MemFile file;
    auto out = file.output();
    {
        StraceReporter trace_lines(TraceFormat{}, out, 0);
        MessagesReporter messages(out, true);
        trace_lines.on_process_start({7, 7, 0, 0, false});
        auto c = call(7, "close", {Value::fd(100)});
        trace_lines.on_syscall_entry(c);
        messages.on_process_start({8, 7, 7, 0, false});
        finish(c, -EBADF);
        trace_lines.on_syscall_exit(c);
        trace_lines.flush();
    }
    out->flush();
    CHECK(file.text() == "close(100 <unfinished ...>\n"
                         "trace: Process 8 attached\n"
                         "<... close resumed>)                    = -1 EBADF (Bad file descriptor)\n");
}
