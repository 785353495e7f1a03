#include "trace/decode/memory.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace trace {

namespace {

constexpr std::size_t kFirstChunk = 256;

} // namespace

// Reads in chunks that never cross a page boundary, starting small and growing: most strings are short,
// and a NUL found early saves reading (or faulting on) the pages after it.
bool RemoteMemory::read_cstring(std::uint64_t addr, std::size_t limit, std::string& out, bool& truncated) {
    out.clear();
    truncated = false;
    std::array<std::byte, kPageSize> buf;
    std::size_t want = limit + 1; // one more than shown, to see whether a NUL follows
    std::size_t chunk_limit = kFirstChunk;
    bool first = true;
    while (want > 0) {
        const std::uint64_t to_page_end = kPageSize - addr % kPageSize;
        const std::size_t chunk = std::min({want, chunk_limit, static_cast<std::size_t>(to_page_end)});
        const std::size_t got = read(addr, std::span<std::byte>(buf.data(), chunk));
        if (got == 0 && first) return false;
        first = false;
        const auto* bytes = reinterpret_cast<const char*>(buf.data());
        if (const void* nul = std::memchr(bytes, 0, got)) {
            const auto len = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes);
            out.append(bytes, std::min(len, limit - std::min(limit, out.size())));
            return true;
        }
        out.append(bytes, got);
        want -= got;
        addr += got;
        if (got < chunk) break; // unreadable from here on
        chunk_limit = std::min<std::size_t>(chunk_limit * 4, kPageSize);
    }
    truncated = true;
    if (out.size() > limit) out.resize(limit);
    return true;
}

} // namespace trace
