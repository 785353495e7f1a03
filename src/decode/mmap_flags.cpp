// Decoders of mmap's and mprotect's protection and flags.
#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"

#include <fmt/format.h>
#include <sys/mman.h>

namespace trace {

namespace {

constexpr std::uint32_t kMapTypeMask = 0xf; // MAP_TYPE
constexpr std::uint32_t kHugeMask = std::uint32_t{MAP_HUGE_MASK} << MAP_HUGE_SHIFT;

} // namespace

// The type first (MAP_SHARED, MAP_PRIVATE...), then the flags, then the huge page size as strace
// prints it: MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|21<<MAP_HUGE_SHIFT.
Value mmap_flags_value(std::uint64_t raw) {
    const auto flags = static_cast<std::uint32_t>(raw);
    const std::uint32_t type = flags & kMapTypeMask;
    std::string text;
    if (const char* name = enum_name(flagsets::mmap_types, type))
        text = name;
    else
        text = fmt::format("{} /* MAP_??? */", hex_text(type));
    const std::uint32_t rest = flags & ~kMapTypeMask & ~kHugeMask;
    if (rest != 0) {
        const std::uint64_t unnamed = append_flag_names(text, flagsets::mmap_flags, rest);
        if (unnamed != 0) text += '|' + hex_text(unnamed);
    }
    if (const std::uint32_t huge = flags & kHugeMask; huge != 0)
        text += fmt::format("|{}<<MAP_HUGE_SHIFT", huge >> MAP_HUGE_SHIFT);
    return Value::symbol(std::move(text), raw);
}

Value decode_mmap_prot(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::mmap_prot, ctx.arg(i), "PROT_???");
}

Value decode_mmap_flags(const DecodeContext& ctx, int i) {
    return mmap_flags_value(ctx.arg(i));
}

} // namespace trace
