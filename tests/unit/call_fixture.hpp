#pragma once
// One call of a real syscall (its row from the table), decoded against fake memory the way the engine
// decodes it (decode_call at entry and at exit, then decode_return and decode_dumps, filling a
// SyscallEvent as Tracer::decode_args does) and printed by the real StraceReporter into memory:
// "rt_sigprocmask(SIG_BLOCK, [INT], [], 8) = 0".
#include "decode_fixture.hpp" // render(), for tests that print one value
#include "fake_memory.hpp"
#include "mem_file.hpp"
#include "trace/decode/call.hpp"
#include "trace/events/events.hpp"
#include "trace/report/strace_reporter.hpp"
#include "trace/syscalls/table.hpp"

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <doctest/doctest.h>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace trace::test {

// A raw argument of any integer type (a negative int is sign-extended, as in a register).
struct RawArg {
    template <std::integral T>
    RawArg(T v) : value(static_cast<std::uint64_t>(static_cast<std::int64_t>(v))) {}
    RawArg(std::uint64_t v) : value(v) {}
    std::uint64_t value;
};

class Call {
public:
    Call(std::string_view name, std::initializer_list<RawArg> args) {
        m_event.entry = find_syscall(name);
        REQUIRE(m_event.entry != nullptr);
        m_event.nr = m_event.entry->nr;
        m_event.tid = 1; // the reporter's open line belongs to a thread; any nonzero id
        m_event.pid = 1;
        std::size_t i = 0;
        for (const RawArg a : args)
            m_event.args[i++] = a.value;
    }
    Call(const Call&) = delete;
    Call& operator=(const Call&) = delete;

    // The tracee's pid, for the decoders' /proc lookups (-y); 0, the default, makes none.
    Call& pid(pid_t p) {
        m_pid = p;
        return *this;
    }
    // The stack pointer at entry (rt_sigreturn reads its frame there).
    Call& sp(std::uint64_t v) {
        m_event.sp = v;
        return *this;
    }

    // The entry part as the reporter prints it before the call returns: "name(arg, arg, " (the
    // arguments printed at entry), or "name(arg, arg" when all are printed at entry.
    std::string entry() {
        enter();
        return print(nullptr, {});
    }

    // The whole line after the call returned ret (negative: -errno), without its newline:
    // "name(args) = ret (detail)". A failed call's line ends at "= -1": the errno's name and message
    // after it are the reporter's own (test_strace_reporter.cpp), the same for every call. An
    // interrupted one keeps them: "= ? ERESTARTSYS (To be restarted if SA_RESTART is set)".
    std::string exit_with(std::int64_t ret, const PrintOptions& popts = {}) {
        enter();
        m_event.ret = ret;
        m_event.error = ret < 0 && ret >= -4095 ? static_cast<int>(-ret) : 0;
        m_event.exited = true;
        decode(true);
        dumps = m_event.dumps;
        std::string line = print(&m_event, popts);
        line.resize(std::min(line.size(), line.find('\n'))); // -e read=/write= dumps follow the line
        if (m_event.error != 0 && !m_event.interrupted()) {
            const std::size_t at = line.rfind(") = -1 ");
            if (at != std::string::npos) line.resize(at + 6);
        }
        return line;
    }

    const std::vector<Value>& values() const { return m_event.values; }
    // The index of the first value printed at exit, as decode_call returned it at entry.
    int split() const { return m_event.split; }

    FakeMemory mem;
    DecodeOptions opts;
    std::vector<DataDump> dumps; // -e read=, -e write=: set by exit_with

private:
    void enter() {
        if (m_entered) return;
        m_entered = true;
        decode(false);
        m_at_entry = m_event;
    }

    // The engine's decoding of the call at entry or exit (Tracer::decode_args).
    void decode(bool exiting) {
        CallView view;
        view.entry = m_event.entry;
        view.args = m_event.args;
        view.ret = m_event.ret;
        view.exiting = exiting;
        view.failed = exiting && m_event.error != 0;
        view.pid = m_pid;
        view.sp = m_event.sp;
        view.ret_detail = &m_event.ret_detail;
        const DecodeContext ctx{mem, opts, view, &m_event.values};
        const int split = decode_call(ctx, m_event.values);
        if (!exiting) {
            m_event.split = split;
            m_event.ret_value = Value::unknown();
            m_event.dumps.clear();
            return;
        }
        m_event.ret_value = decode_return(ctx);
        m_event.dumps = decode_dumps(ctx);
    }

    // What a fresh StraceReporter prints for the entry event and then, if given, the exit event.
    std::string print(const SyscallEvent* at_exit, const PrintOptions& values) const {
        MemFile file;
        TraceFormat format;
        format.column = 0; // one space before "= ret", no alignment
        format.values = values;
        StraceReporter reporter(format, file.output(), 0);
        reporter.on_syscall_entry(m_at_entry);
        if (at_exit != nullptr) reporter.on_syscall_exit(*at_exit);
        reporter.flush();
        return file.text();
    }

    SyscallEvent m_event;
    SyscallEvent m_at_entry; // the event as the reporter saw it at entry
    pid_t m_pid = 0;
    bool m_entered = false;
};

// The bytes of a trivially copyable object, for FakeMemory::map.
template <typename T> std::string raw_bytes(const T& object) {
    return std::string(reinterpret_cast<const char*>(&object), sizeof object);
}

} // namespace trace::test
