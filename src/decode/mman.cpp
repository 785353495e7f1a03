// Decoders of mremap, madvise, msync, mlock2, mlockall and mincore arguments.
#include "trace/decode/mman.hpp"

#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"

#include <algorithm>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

namespace trace {

namespace {

constexpr std::uint64_t kMremapMoveFixed = MREMAP_MAYMOVE | MREMAP_FIXED;

std::uint64_t page_size() {
    static const auto size = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
    return size;
}

} // namespace

Value decode_mremap_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::mremap_flags, ctx.arg(i), "MREMAP_???");
}

Value decode_mremap_new_addr(const DecodeContext& ctx, int i) {
    for (int j = 0; j < ctx.call.entry->nargs; ++j) {
        if (ctx.spec(j).kind == ArgKind::mremap_flags && (ctx.arg(j) & kMremapMoveFixed) != kMremapMoveFixed)
            return Value::omit();
    }
    return Value::address(ctx.arg(i));
}

Value decode_madvise_advice(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::madvise_advice, static_cast<std::uint32_t>(ctx.arg(i)), "MADV_???");
}

Value decode_msync_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::msync_flags, static_cast<std::uint32_t>(ctx.arg(i)), "MS_???");
}

Value decode_pkey_access(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::pkey_access, static_cast<std::uint32_t>(ctx.arg(i)), "PKEY_???");
}

Value decode_mlock_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::mlock_flags, static_cast<std::uint32_t>(ctx.arg(i)), "MLOCK_???");
}

Value decode_mlockall_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::mlockall_flags, static_cast<std::uint32_t>(ctx.arg(i)), "MCL_???");
}

// One byte a page of [addr, addr + len), of which strace shows the lowest bit, up to -s of them.
Value decode_mincore_vec(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0 || !ctx.call.exiting) return Value::address(addr);
    const std::uint64_t len = ctx.arg(1);
    const std::uint64_t pages = len / page_size() + (len % page_size() != 0 ? 1 : 0);
    const auto shown = static_cast<std::size_t>(std::min<std::uint64_t>(pages, ctx.opts.string_limit));
    std::vector<std::uint8_t> vec(shown);
    if (ctx.mem.read(addr, std::as_writable_bytes(std::span(vec))) != shown) return Value::address(addr);
    Value v = Value::array();
    for (const std::uint8_t b : vec)
        v.push(Value::unsigned_int(b & 1u));
    v.truncated = pages > shown;
    return v;
}

} // namespace trace
