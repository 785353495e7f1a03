// NUMA memory policies: modes with their flags, node masks, and the flags of mbind and get_mempolicy.
#include "trace/decode/numa.hpp"

#include "trace/decode/array.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"

#include <cstdint>
#include <linux/mempolicy.h>

namespace trace {

namespace {

constexpr std::uint64_t kModeFlags = MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES | (1U << 13);
constexpr std::uint64_t kBitsPerLong = 64;
constexpr int kMigrateMaxnodeArg = 1;

// strace's print_mode: the mode alone, the mode and its flags, or (mode unknown) the flags over it all.
Value mpol_mode_value(std::uint64_t raw) {
    const std::uint64_t mode = raw & ~kModeFlags;
    const std::uint64_t flags = raw & kModeFlags;
    if (flags == 0) return enum_value(flagsets::mpol_modes, mode, "MPOL_???");
    const char* name = enum_name(flagsets::mpol_modes, mode);
    if (name == nullptr) return flags_value(flagsets::mpol_mode_flags, raw, "MPOL_F_???");
    Value v = Value::flags(raw);
    v.push(Value::symbol(name, mode));
    add_part(v, flags_value(flagsets::mpol_mode_flags, flags));
    return v;
}

// One word of a mask as strace's %#0*lx prints it: 0x00000000000001, but 0000000000000000 for 0.
Value node_word(std::uint64_t word) {
    if (word == 0) return Value::hex_digits(0, 16);
    return Value::hex(word).with_width(16);
}

Value nodemask_value(const DecodeContext& ctx, std::uint64_t addr, std::uint64_t maxnode) {
    // The kernel reads maxnode - 1 bits; a count that overflows is shown as the address.
    const std::uint64_t words = (maxnode + kBitsPerLong - 2) / kBitsPerLong;
    if (words < maxnode / kBitsPerLong || (maxnode != 0 && words == 0)) return Value::address(addr);
    return array_at<std::uint64_t>(ctx, addr, words, node_word);
}

} // namespace

Value decode_mpol_mode(const DecodeContext& ctx, int i) {
    return mpol_mode_value(ctx.arg(i));
}

Value decode_mpol_mode_int(const DecodeContext& ctx, int i) {
    return mpol_mode_value(static_cast<std::uint32_t>(ctx.arg(i)));
}

Value decode_mpol_mode_out(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    std::int32_t mode = 0;
    if (!ctx.call.exiting || addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, mode))
        return Value::address(addr);
    Value v = Value::array();
    v.push(enum_value(flagsets::mpol_modes, static_cast<std::uint32_t>(mode), "MPOL_???"));
    return v;
}

Value decode_nodemask(const DecodeContext& ctx, int i) {
    return nodemask_value(ctx, ctx.arg(i), ctx.arg(i + 1));
}

Value decode_migrate_nodemask(const DecodeContext& ctx, int i) {
    return nodemask_value(ctx, ctx.arg(i), ctx.arg(kMigrateMaxnodeArg));
}

Value decode_mbind_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::mbind_flags, static_cast<std::uint32_t>(ctx.arg(i)), "MPOL_MF_???");
}

Value decode_get_mempolicy_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::get_mempolicy_flags, ctx.arg(i), "MPOL_F_???");
}

} // namespace trace
