#pragma once
// One call of a real syscall (its row from the table) decoded the way the engine decodes it, through
// decode_call, decode_return and decode_dumps, against fake memory; rendered as strace's line.
#include "decode_fixture.hpp"
#include "trace/decode/call.hpp"
#include "trace/syscalls/table.hpp"

#include <cassert>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace trace::test {

class Call {
public:
    Call(std::string_view name, std::initializer_list<std::uint64_t> args) {
        m_view.entry = find_syscall(name);
        assert(m_view.entry != nullptr);
        std::size_t i = 0;
        for (const std::uint64_t a : args)
            m_view.args[i++] = a;
        m_view.ret_detail = &m_detail;
        m_view.pid = 0; // no /proc lookups unless a test sets it
    }
    Call(const Call&) = delete;
    Call& operator=(const Call&) = delete;

    // "name(arg, arg, " as printed at entry (or "name(args" when all are known at entry).
    std::string entry() {
        enter();
        return std::string(m_view.entry->name) + "(" + join(0, first_exit()) +
               (first_exit() < printed() && first_exit() > 0 ? ", " : "");
    }

    // The whole line after the call returned ret (negative: -errno): "name(args) = ret (detail)".
    std::string exit_with(std::int64_t ret, const PrintOptions& popts = {}) {
        enter();
        m_view.exiting = true;
        m_view.ret = ret;
        m_view.failed = ret < 0 && ret > -4096;
        const DecodeContext ctx{mem, opts, m_view, &m_values};
        decode_call(ctx, m_values);
        m_ret = decode_return(ctx);
        dumps = decode_dumps(ctx);
        std::string line = std::string(m_view.entry->name) + "(" + join(0, printed(), popts) + ") = ";
        if (m_view.failed)
            line += "-1";
        else if (m_ret.type != ValueType::Unknown)
            line += render(m_ret, popts);
        else if (m_view.entry->ret == RetKind::hex && ret != 0)
            line += fmt::format("{:#x}", static_cast<std::uint64_t>(ret));
        else
            line += std::to_string(ret);
        if (!m_view.failed) line += render_detail(m_detail);
        return line;
    }

    Call& pid(pid_t p) {
        m_view.pid = p;
        return *this;
    }

    const std::vector<Value>& values() const { return m_values; }

    FakeMemory mem;
    DecodeOptions opts;
    std::vector<DataDump> dumps;

private:
    void enter() {
        if (m_entered) return;
        m_entered = true;
        const DecodeContext ctx{mem, opts, m_view, nullptr};
        m_split = decode_call(ctx, m_values);
    }

    int first_exit() const {
        if (m_split >= 0) return m_split;
        for (int i = 0; i < m_view.entry->nargs; ++i)
            if (m_view.entry->args[i].dir != ArgDir::in) return i;
        return m_view.entry->nargs;
    }
    int printed() const { return m_split >= 0 ? static_cast<int>(m_values.size()) : m_view.entry->nargs; }

    std::string join(int from, int to, const PrintOptions& popts = {}) const {
        return render_arguments(m_values, from, to, popts);
    }

    CallView m_view{};
    std::vector<Value> m_values;
    Value m_detail;
    Value m_ret;
    int m_split = -1;
    bool m_entered = false;
};

// The bytes of a trivially copyable object, for FakeMemory::map.
template <typename T> std::string raw_bytes(const T& object) {
    return std::string(reinterpret_cast<const char*>(&object), sizeof object);
}

} // namespace trace::test
