#pragma once
// A hand-made syscall row and call for decoder tests (one argument decoded at a time), and the strace
// text of a value. Whole calls of real syscalls: call_fixture.hpp.
#include "fake_memory.hpp"
#include "trace/decode/decoder.hpp"
#include "trace/report/value_printer.hpp"

#include <cstdint>
#include <fmt/format.h>
#include <initializer_list>
#include <string>
#include <vector>

namespace trace::test {

struct TestArg {
    ArgKind kind;
    std::uint64_t value;
    std::int8_t bind = kBindNone;
    ArgDir dir = ArgDir::in;
};

inline std::string render(const Value& v, const PrintOptions& opts = {}) {
    fmt::memory_buffer out;
    print_value(out, v, opts);
    return fmt::to_string(out);
}

// One call of a made-up syscall with the given arguments, decoded against fake memory.
class TestCall {
public:
    TestCall(std::initializer_list<TestArg> args) {
        m_entry.nr = 1000;
        m_entry.name = "test";
        m_entry.ret = RetKind::dec;
        m_entry.nargs = static_cast<std::uint8_t>(args.size());
        int i = 0;
        for (const TestArg& a : args) {
            m_entry.args[i] = ArgSpec{"arg", a.kind, a.dir, a.bind};
            m_view.args[static_cast<std::size_t>(i)] = a.value;
            ++i;
        }
        m_view.entry = &m_entry;
    }
    TestCall(const TestCall&) = delete;
    TestCall& operator=(const TestCall&) = delete;

    // The call returned ret (negative: failed).
    TestCall& exit_with(std::int64_t ret) {
        m_view.exiting = true;
        m_view.ret = ret;
        m_view.failed = ret < 0;
        return *this;
    }

    Value decode(int i) {
        const DecodeContext ctx{mem, opts, m_view};
        return decode_arg(ctx, i);
    }
    std::string text(int i, const PrintOptions& popts = {}) { return render(decode(i), popts); }
    const CallView& view() const { return m_view; }

    FakeMemory mem;
    DecodeOptions opts;

private:
    SyscallEntry m_entry{};
    CallView m_view{};
};

// The strace text of one argument of the given kind and raw value.
inline std::string decode_text(ArgKind kind, std::uint64_t value, const PrintOptions& popts = {}) {
    TestCall call{{kind, value}};
    return call.text(0, popts);
}

} // namespace trace::test
