// Decoders of inotify's and fanotify's flags and masks.
#include "trace/decode/notify.hpp"

#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"

#include <string>

namespace trace {

namespace {

// FAN_CLASS_NOTIF, FAN_CLASS_CONTENT, FAN_CLASS_PRE_CONTENT: the class is two bits of the flags.
constexpr std::uint32_t kFanClassBits = 0xc;
constexpr int kFanNoFd = -1; // FAN_NOFD

} // namespace

Value decode_inotify_init_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::inotify_init_flags, static_cast<std::uint32_t>(ctx.arg(i)), "IN_???");
}

Value decode_inotify_mask(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::inotify_mask, static_cast<std::uint32_t>(ctx.arg(i)), "IN_???");
}

// The class first, always (FAN_CLASS_NOTIF is 0), then the other flags.
Value decode_fan_init_flags(const DecodeContext& ctx, int i) {
    const auto flags = static_cast<std::uint32_t>(ctx.arg(i));
    const std::uint32_t cls = flags & kFanClassBits;
    Value v = Value::flags(flags);
    v.push(enum_value(flagsets::fan_classes, cls, "FAN_CLASS_???"));
    if (const std::uint32_t rest = flags & ~kFanClassBits; rest != 0)
        add_part(v, flags_value(flagsets::fan_init_flags, rest, "FAN_???"));
    return v;
}

Value decode_fan_mark_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::fan_mark_flags, static_cast<std::uint32_t>(ctx.arg(i)), "FAN_MARK_???");
}

Value decode_fan_event_mask(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::fan_event_flags, ctx.arg(i), "FAN_???");
}

Value decode_fan_dirfd(const DecodeContext& ctx, int i) {
    if (static_cast<int>(static_cast<std::uint32_t>(ctx.arg(i))) == kFanNoFd)
        return Value::symbol("FAN_NOFD", static_cast<std::uint64_t>(std::int64_t{kFanNoFd}),
                             ValueType::Signed);
    return decode_dirfd(ctx, i);
}

} // namespace trace
