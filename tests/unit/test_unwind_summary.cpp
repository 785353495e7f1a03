// -c -k: the calling stacks of each system call, most frequent first, after the summary table.
#include "trace/report/stack_summary.hpp"
#include "trace/syscalls/table.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using trace::StackFrame;

// Interned once, as the unwinder does: frames are told apart by these strings' addresses.
const std::string kLibc = "/usr/lib/libc.so.6";
const std::string kApp = "/usr/bin/app";

StackFrame frame(const std::string& module, const char* symbol, std::uint64_t address) {
    return StackFrame{StackFrame::Kind::frame, module, symbol, 4, address};
}

trace::SyscallEvent call(const char* name, std::vector<StackFrame> stack, int error = 0) {
    trace::SyscallEvent e;
    const trace::SyscallEntry* entry = trace::find_syscall(std::string_view(name));
    REQUIRE(entry != nullptr);
    e.nr = entry->nr;
    e.entry = entry;
    e.exited = true;
    e.error = error;
    e.stack = std::move(stack);
    return e;
}

std::string render(trace::StackSummaryReporter& r) { return r.render(); }

} // namespace

TEST_CASE("stack_summary::render") {
    trace::StackSummaryReporter r(trace::StackSummaryConfig{}, nullptr);
    const std::vector<StackFrame> loop{frame(kLibc, "getppid", 0xd54f7), frame(kApp, "loop", 0x1189)};
    const std::vector<StackFrame> once{frame(kLibc, "getppid", 0xd54f7), frame(kApp, "init", 0x1200)};
    r.on_syscall_exit(call("getppid", once));
    for (int i = 0; i < 3; ++i) r.on_syscall_exit(call("getppid", loop));
    r.on_syscall_exit(call("write", {frame(kLibc, "__write", 0xf8350)}, EBADF));
    trace::SyscallEvent unfinished = call("getppid", loop);
    unfinished.exited = false;
    r.on_syscall_exit(unfinished);           // never returned: not counted
    r.on_syscall_exit(call("getppid", {})); // no stack: not counted
    CHECK(render(r) == "\n"
                       "Calling stacks (-k), the 5 most frequent of each system call:\n"
                       "\n"
                       "getppid: 4 calls from 2 stacks\n"
                       "  3 calls (75.00%)\n"
                       "    > /usr/lib/libc.so.6(getppid+0x4) [0xd54f7]\n"
                       "    > /usr/bin/app(loop+0x4) [0x1189]\n"
                       "  1 calls (25.00%)\n"
                       "    > /usr/lib/libc.so.6(getppid+0x4) [0xd54f7]\n"
                       "    > /usr/bin/app(init+0x4) [0x1200]\n"
                       "\n"
                       "write: 1 calls from 1 stack\n"
                       "  1 calls (100.00%), 1 failed\n"
                       "    > /usr/lib/libc.so.6(__write+0x4) [0xf8350]\n");
}

TEST_CASE("stack_summary::top") {
    trace::StackSummaryConfig config;
    config.top = 1;
    config.count_failed = false;
    trace::StackSummaryReporter r(config, nullptr);
    for (std::uint64_t a = 1; a <= 3; ++a) {
        for (std::uint64_t n = 0; n < a; ++n) r.on_syscall_exit(call("getppid", {frame(kApp, "f", a)}));
    }
    r.on_syscall_exit(call("getppid", {frame(kApp, "f", 9)}, EPERM)); // failed calls are not counted
    CHECK(render(r) == "\n"
                       "Calling stacks (-k), the 1 most frequent of each system call:\n"
                       "\n"
                       "getppid: 6 calls from 3 stacks\n"
                       "  3 calls (50.00%)\n"
                       "    > /usr/bin/app(f+0x4) [0x3]\n"
                       "  3 calls from 2 other stacks\n");
}

TEST_CASE("stack_summary::nothing") {
    trace::StackSummaryReporter r(trace::StackSummaryConfig{}, nullptr);
    r.on_syscall_exit(call("getppid", {}));
    CHECK(render(r).empty());
}
