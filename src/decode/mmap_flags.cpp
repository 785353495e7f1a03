// Decoders of mmap's and mprotect's protection and flags.
#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"

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
    Value v = Value::flags(raw);
    v.push(enum_value(flagsets::mmap_types, type, "MAP_???"));
    const std::uint32_t rest = flags & ~kMapTypeMask & ~kHugeMask;
    if (rest != 0) {
        const std::uint64_t unnamed = add_flag_names(v, flagsets::mmap_flags, rest);
        if (unnamed != 0) v.push(Value::hex(unnamed));
    }
    if (const std::uint32_t huge = flags & kHugeMask; huge != 0)
        v.push(Value::operation(Value::unsigned_int(huge >> MAP_HUGE_SHIFT), "<<",
                                Value::name("MAP_HUGE_SHIFT")));
    return v;
}

Value decode_mmap_prot(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::mmap_prot, ctx.arg(i), "PROT_???");
}

Value decode_mmap_flags(const DecodeContext& ctx, int i) {
    return mmap_flags_value(ctx.arg(i));
}

} // namespace trace
