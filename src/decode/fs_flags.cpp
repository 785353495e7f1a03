// Decoders of file flags, modes and devices: open flags, modes, mknod's device, AT_* flags, access modes.
#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"

#include <fcntl.h>
#include <sys/stat.h>

namespace trace {

namespace {

constexpr std::uint32_t kOpenAccessMask = 3;
constexpr std::uint32_t kSpecialBits = S_ISUID | S_ISGID | S_ISVTX;

} // namespace

Value open_flags_value(std::uint32_t flags) {
    Value v = Value::flags(flags);
    const std::uint32_t access = flags & kOpenAccessMask;
    v.push(Value::symbol(enum_name(flagsets::open_access, access), access));
    const std::uint32_t rest = flags & ~kOpenAccessMask;
    if (rest != 0) {
        const std::uint64_t unnamed = add_flag_names(v, flagsets::open_flags, rest);
        if (unnamed != 0) v.push(Value::hex(unnamed));
    }
    return v;
}

// A mode with a file type prints symbolically, as strace prints mknod's; without one, in octal, as it
// prints open's, chmod's and mkdir's (mknod without a type and with S_ISUID differs: 04755, not
// S_ISUID|0755).
Value mode_value(std::uint32_t mode) {
    const char* type = (mode & S_IFMT) != 0 ? enum_name(flagsets::file_types, mode & S_IFMT) : nullptr;
    if (type == nullptr) return umode_value(mode);
    Value v = Value::flags(mode);
    v.raw_style = ValueType::Octal;
    v.push(Value::symbol(type, mode & S_IFMT));
    if (mode & S_ISUID) v.push(Value::symbol("S_ISUID", S_ISUID));
    if (mode & S_ISGID) v.push(Value::symbol("S_ISGID", S_ISGID));
    if (mode & S_ISVTX) v.push(Value::symbol("S_ISVTX", S_ISVTX));
    v.push(umode_value(mode & ~(S_IFMT | kSpecialBits)));
    return v;
}

Value umode_value(std::uint32_t mode) {
    return Value::octal(mode).with_width(3); // strace's %#03o: 0644, 000, 007
}

Value dev_value(std::uint32_t dev) {
    const std::uint32_t major = (dev & 0xfff00) >> 8;
    const std::uint32_t minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
    Value v = Value::call("makedev");
    v.push(Value::hex(major));
    v.push(Value::hex(minor));
    return v.with_raw(dev);
}

Value decode_open_flags(const DecodeContext& ctx, int i) {
    return open_flags_value(static_cast<std::uint32_t>(ctx.arg(i)));
}

namespace {

// open's mode is shown only when the flags create a file, as strace does.
bool mode_left_out(const DecodeContext& ctx) {
    for (int j = 0; j < ctx.call.entry->nargs; ++j) {
        if (ctx.spec(j).kind == ArgKind::open_flags && (ctx.arg(j) & (O_CREAT | kKernelTmpfile)) == 0)
            return true;
    }
    return false;
}

} // namespace

Value decode_mode(const DecodeContext& ctx, int i) {
    if (mode_left_out(ctx)) return Value::omit();
    return mode_value(static_cast<std::uint16_t>(ctx.arg(i))); // umode_t: the kernel keeps 16 bits
}

Value decode_umode(const DecodeContext& ctx, int i) {
    if (mode_left_out(ctx)) return Value::omit();
    return umode_value(static_cast<std::uint16_t>(ctx.arg(i))); // umode_t
}

// mknod's device is shown only for character and block devices, as strace does.
Value decode_dev(const DecodeContext& ctx, int i) {
    for (int j = 0; j < ctx.call.entry->nargs; ++j) {
        const ArgKind kind = ctx.spec(j).kind;
        if (kind != ArgKind::mode && kind != ArgKind::umode) continue;
        const auto type = static_cast<std::uint32_t>(ctx.arg(j)) & S_IFMT;
        if (type != S_IFCHR && type != S_IFBLK) return Value::omit();
    }
    return dev_value(static_cast<std::uint32_t>(ctx.arg(i)));
}

Value decode_at_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::at_flags, static_cast<std::uint32_t>(ctx.arg(i)), "AT_???");
}

Value decode_faccessat_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::faccessat_flags, static_cast<std::uint32_t>(ctx.arg(i)), "AT_???");
}

Value decode_access_mode(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::access_modes, static_cast<std::uint32_t>(ctx.arg(i)), "?_OK");
}

} // namespace trace
