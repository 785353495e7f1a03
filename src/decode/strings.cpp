// Decoders of what pointers point to: strings, buffers, argv and envp.
#include "trace/decode/arg_decoders.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace trace {

namespace {

constexpr std::size_t kPointerSize = sizeof(std::uint64_t);
// Stops counting a runaway array (envp is counted in full, not shown).
constexpr std::size_t kMaxArrayElements = std::size_t{1} << 20;

// Reads a NULL-terminated array of pointers a page-bounded chunk at a time.
class PointerReader {
public:
    PointerReader(RemoteMemory& mem, std::uint64_t addr) : m_mem(mem), m_addr(addr) {}

    // The next pointer; false when it cannot be read (the array runs into unmapped memory).
    bool next(std::uint64_t& out) {
        if (m_pos == m_count && !refill()) return false;
        out = m_buf[m_pos++];
        m_addr += kPointerSize;
        return true;
    }
    // The address of the pointer next() reads next.
    std::uint64_t address() const { return m_addr; }

private:
    bool refill() {
        const std::uint64_t to_page_end = kPageSize - m_addr % kPageSize;
        const std::size_t want = std::max<std::size_t>(
            1, std::min<std::size_t>(m_buf.size(), static_cast<std::size_t>(to_page_end / kPointerSize)));
        const std::size_t got = m_mem.read(m_addr, std::as_writable_bytes(std::span(m_buf.data(), want)));
        m_count = got / kPointerSize;
        m_pos = 0;
        return m_count > 0;
    }

    RemoteMemory& m_mem;
    std::uint64_t m_addr;
    std::array<std::uint64_t, 64> m_buf{};
    std::size_t m_count = 0;
    std::size_t m_pos = 0;
};

} // namespace

Value string_at(RemoteMemory& mem, std::uint64_t addr, std::size_t limit) {
    if (addr == 0) return Value::address(0);
    std::string bytes;
    bool truncated = false;
    if (!mem.read_cstring(addr, limit, bytes, truncated)) return Value::address(addr);
    if (truncated) {
        // strace reads limit + 1 bytes: a string cut by unmapped memory before them shows as its address.
        std::array<std::byte, 1> probe{};
        if (bytes.size() < limit || mem.read(addr + limit, probe) != 1) return Value::address(addr);
    }
    return Value::string(std::move(bytes), truncated);
}

Value buffer_at(RemoteMemory& mem, std::uint64_t addr, std::uint64_t len, std::size_t limit) {
    if (addr == 0) return Value::address(0);
    const auto shown = static_cast<std::size_t>(std::min<std::uint64_t>(len, limit));
    std::string bytes(shown, '\0');
    if (mem.read(addr, std::as_writable_bytes(std::span(bytes.data(), bytes.size()))) != shown)
        return Value::address(addr);
    return Value::string(std::move(bytes), len > shown);
}

Value string_array_at(RemoteMemory& mem, std::uint64_t addr, const DecodeOptions& opts) {
    if (addr == 0) return Value::address(0);
    PointerReader reader(mem, addr);
    Value out = Value::array();
    for (std::size_t n = 0; n < kMaxArrayElements; ++n) {
        const std::uint64_t at = reader.address();
        std::uint64_t ptr = 0;
        if (!reader.next(ptr)) {
            if (n == 0) return Value::address(addr);
            out.push(Value::more_at(at));
            break;
        }
        if (ptr == 0) break;
        if (!opts.verbose && n >= opts.string_limit) {
            out.truncated = true;
            break;
        }
        out.push(string_at(mem, ptr, opts.string_limit));
    }
    return out;
}

Value string_array_count_at(RemoteMemory& mem, std::uint64_t addr) {
    if (addr == 0) return Value::address(0);
    PointerReader reader(mem, addr);
    std::size_t count = 0;
    bool terminated = false;
    for (; count < kMaxArrayElements; ++count) {
        std::uint64_t ptr = 0;
        if (!reader.next(ptr)) {
            if (count == 0) return Value::address(addr);
            break;
        }
        if (ptr == 0) {
            terminated = true;
            break;
        }
    }
    Value out = Value::address(addr);
    out.note(Value::count(count, count == 1 ? "var" : "vars"));
    if (!terminated) out.note(Value::name("unterminated"));
    return out;
}

Value decode_path(const DecodeContext& ctx, int i) {
    return string_at(ctx.mem, ctx.arg(i), kPathLimit);
}

Value decode_str(const DecodeContext& ctx, int i) {
    return string_at(ctx.mem, ctx.arg(i), ctx.opts.string_limit);
}

Value decode_in_buf(const DecodeContext& ctx, int i) {
    std::uint64_t len = 0;
    if (!ctx.bound_length(i, len)) return Value::address(ctx.arg(i));
    return buffer_at(ctx.mem, ctx.arg(i), len, ctx.opts.string_limit);
}

Value decode_out_buf(const DecodeContext& ctx, int i) {
    std::uint64_t len = 0;
    if (!ctx.call.exiting || ctx.call.failed || !ctx.bound_length(i, len)) return Value::address(ctx.arg(i));
    return buffer_at(ctx.mem, ctx.arg(i), len, ctx.opts.string_limit);
}

Value decode_argv(const DecodeContext& ctx, int i) {
    if (!ctx.deref()) return Value::address(ctx.arg(i)); // -e verbose= without this call
    return string_array_at(ctx.mem, ctx.arg(i), ctx.opts);
}

Value decode_envp(const DecodeContext& ctx, int i) {
    if (!ctx.deref()) return Value::address(ctx.arg(i));
    if (!ctx.abbrev()) return string_array_at(ctx.mem, ctx.arg(i), ctx.opts);
    return string_array_count_at(ctx.mem, ctx.arg(i));
}

} // namespace trace
