// Decoders of umount2's flags and setns's namespace type.
#include "trace/decode/mount_ns.hpp"

#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"

namespace trace {

Value decode_umount_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::umount_flags, static_cast<std::uint32_t>(ctx.arg(i)), "UMOUNT_???");
}

Value decode_setns_type(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::setns_types, static_cast<std::uint32_t>(ctx.arg(i)), "CLONE_NEW???");
}

} // namespace trace
