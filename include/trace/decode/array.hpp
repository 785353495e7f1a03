#pragma once
// An array of structs in tracee memory, element by element as strace's print_array shows it: NULL, the
// address when the first element cannot be read, "... /* 0x... */" where the array runs into unmapped
// memory, "..." after the shown ones. Reads a chunk at a time: the count is the tracee's word.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace trace {

// -v shows whole arrays, but the count is the tracee's: no call takes more than this many elements.
inline constexpr std::uint64_t kMaxVerboseElements = 1024 * 1024;

// How many elements of an array strace shows: all with -v, else up to -s.
inline std::size_t shown_elements(const DecodeContext& ctx, std::uint64_t count) {
    if (ctx.opts.verbose)
        return static_cast<std::size_t>(std::min<std::uint64_t>(count, kMaxVerboseElements));
    return static_cast<std::size_t>(std::min<std::uint64_t>(count, ctx.opts.string_limit));
}

// n elements of T at addr, each rendered by render(const T&) -> Value; at most limit shown (besides -s).
template <typename T, typename F>
Value array_at(const DecodeContext& ctx, std::uint64_t addr, std::uint64_t n, F&& render,
               std::uint64_t limit = kMaxVerboseElements) {
    if (addr == 0) return Value::address(0);
    Value v = Value::array();
    if (n == 0) return v;
    if (n > (~std::uint64_t{0} - addr) / sizeof(T)) return Value::address(addr);
    const std::size_t shown = std::min<std::size_t>(shown_elements(ctx, n), static_cast<std::size_t>(limit));
    constexpr std::size_t kChunk = 4096 / sizeof(T) > 0 ? 4096 / sizeof(T) : 1;
    std::vector<T> items(std::min(shown, kChunk));
    std::size_t done = 0;
    while (done < shown) {
        const std::size_t want = std::min(shown - done, items.size());
        const std::uint64_t at = addr + done * sizeof(T);
        const std::size_t got =
            ctx.mem.read(at, std::as_writable_bytes(std::span(items.data(), want))) / sizeof(T);
        if (done == 0 && got == 0) return Value::address(addr);
        for (std::size_t k = 0; k < got; ++k)
            v.push(render(items[k]));
        done += got;
        if (got < want) {
            v.push(Value::more_at(addr + done * sizeof(T)));
            return v;
        }
    }
    if (shown < n) v.truncated = true;
    return v;
}

} // namespace trace
