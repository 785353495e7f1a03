// Decoders of mount's arguments, umount2's flags and setns's namespace type.
#include "trace/decode/mount_ns.hpp"

#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"

#include <sys/mount.h>

namespace trace {

namespace {

// The old magic number some callers still put in mountflags' high half.
constexpr std::uint64_t kMagicValue = 0xc0ed0000;
constexpr std::uint64_t kMagicMask = 0xffff0000;

constexpr int kMountFlagsArg = 3;

// mountflags without the old magic.
std::uint64_t mount_flags(const DecodeContext& ctx) {
    const std::uint64_t flags = ctx.arg(kMountFlagsArg);
    return (flags & kMagicMask) == kMagicValue ? flags & ~kMagicMask : flags;
}

// The kernel ignores the filesystem type when remounting, binding, moving or changing propagation,
// and the data too for all but remounts: strace then shows them as addresses.
bool type_ignored(std::uint64_t flags) {
    return (flags & (MS_REMOUNT | MS_BIND | MS_MOVE | MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)) !=
           0;
}

bool data_ignored(std::uint64_t flags) {
    return (flags & MS_REMOUNT) == 0 && type_ignored(flags);
}

} // namespace

Value decode_mount_type(const DecodeContext& ctx, int i) {
    if (type_ignored(mount_flags(ctx))) return Value::address(ctx.arg(i));
    return decode_str(ctx, i);
}

Value decode_mount_data(const DecodeContext& ctx, int i) {
    if (data_ignored(mount_flags(ctx))) return Value::address(ctx.arg(i));
    return decode_str(ctx, i);
}

// MS_MGC_VAL|MS_NOSUID: the old magic by name, then the flags (none: the magic alone).
Value decode_mount_flags(const DecodeContext& ctx, int i) {
    const std::uint64_t raw = ctx.arg(i);
    const std::uint64_t flags = mount_flags(ctx);
    if (flags == raw) return flags_value(flagsets::mount_flags, flags, "MS_???");
    Value v = Value::flags(raw);
    v.push(Value::symbol("MS_MGC_VAL", raw & ~flags));
    if (flags != 0) add_part(v, flags_value(flagsets::mount_flags, flags));
    return v;
}

Value decode_umount_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::umount_flags, static_cast<std::uint32_t>(ctx.arg(i)), "UMOUNT_???");
}

Value decode_setns_type(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::setns_types, static_cast<std::uint32_t>(ctx.arg(i)), "CLONE_NEW???");
}

} // namespace trace
