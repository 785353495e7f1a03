#pragma once
// One call of a real syscall (its row from the table), decoded at entry and exit against fake memory the
// way the engine does it (a whole-call decoder, or one decoder per argument by direction), and rendered
// as strace's line: "rt_sigprocmask(SIG_BLOCK, [INT], [], 8) = 0".
#include "decode_fixture.hpp"
#include "trace/decode/call_decoder.hpp"
#include "trace/syscalls/table.hpp"

#include <cassert>
#include <concepts>
#include <cstdint>
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

class SyscallCall {
public:
    SyscallCall(std::string_view name, std::initializer_list<RawArg> args) {
        m_view.entry = find_syscall(name);
        assert(m_view.entry != nullptr);
        std::size_t i = 0;
        for (const RawArg a : args)
            m_view.args[i++] = a.value;
        m_view.ret_detail = &m_detail;
    }
    SyscallCall(const SyscallCall&) = delete;
    SyscallCall& operator=(const SyscallCall&) = delete;

    SyscallCall& sp(std::uint64_t v) {
        m_view.sp = v;
        return *this;
    }

    // The entry part: "name(arg, arg, " (the arguments printed at entry).
    std::string entry() {
        decode(false);
        const int split = first_exit();
        const bool joined =
            split < static_cast<int>(m_values.size()) && m_values[static_cast<std::size_t>(split)].joined;
        const std::string head = join(0, split);
        return m_view.entry->name + std::string("(") + head +
               (split < printed() && !joined && !head.empty() ? ", " : "");
    }

    // The whole line after the call returned ret (negative: -errno).
    std::string exit_with(std::int64_t ret) {
        if (!m_entered) decode(false);
        m_view.exiting = true;
        m_view.ret = ret;
        m_view.failed = ret < 0 && ret > -4096;
        decode(true);
        std::string line = m_view.entry->name + std::string("(") + join(0, printed()) + ") = ";
        line += m_view.failed ? "-1" : std::to_string(ret);
        if (!m_view.failed) line += render_detail(m_detail);
        return line;
    }

    const std::vector<Value>& values() const { return m_values; }
    int split() const { return m_split; }

    FakeMemory mem;
    DecodeOptions opts;

private:
    void decode(bool exiting) {
        m_entered = true;
        const DecodeContext ctx{mem, opts, m_view};
        const SyscallEntry& e = *m_view.entry;
        if (const CallDecoderFn whole = call_decoder_for(e)) {
            const int split = whole(ctx, m_values);
            if (!exiting) m_split = split;
            return;
        }
        m_values.resize(e.nargs);
        const ArgDir skipped = exiting ? ArgDir::in : ArgDir::out;
        for (int i = 0; i < e.nargs; ++i)
            if (e.args[i].dir != skipped) m_values[static_cast<std::size_t>(i)] = decode_arg(ctx, i);
    }

    int first_exit() const {
        if (m_split >= 0) return m_split;
        for (int i = 0; i < m_view.entry->nargs; ++i)
            if (m_view.entry->args[i].dir != ArgDir::in) return i;
        return m_view.entry->nargs;
    }
    int printed() const { return m_split >= 0 ? static_cast<int>(m_values.size()) : m_view.entry->nargs; }

    std::string join(int from, int to) const { return render_arguments(m_values, from, to); }

    CallView m_view{};
    std::vector<Value> m_values;
    Value m_detail;
    int m_split = -1;
    bool m_entered = false;
};

// Little-endian bytes of a trivially copyable object, for FakeMemory::map.
template <typename T> std::string bytes_of(const T& object) {
    return std::string(reinterpret_cast<const char*>(&object), sizeof object);
}

} // namespace trace::test
