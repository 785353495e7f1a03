#pragma once
// inotify and fanotify: inotify_init1's flags, inotify_add_watch's mask; fanotify_init's class and
// flags, fanotify_mark's flags, event mask and directory descriptor.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

namespace trace {

// The ArgKind decoders (registered in src/decode/registry.cpp).
Value decode_inotify_init_flags(const DecodeContext& ctx, int i); // IN_NONBLOCK|IN_CLOEXEC
Value decode_inotify_mask(const DecodeContext& ctx, int i);       // IN_CREATE|IN_ONLYDIR
Value decode_fan_init_flags(const DecodeContext& ctx, int i);     // FAN_CLASS_NOTIF|FAN_CLOEXEC
Value decode_fan_mark_flags(const DecodeContext& ctx, int i);     // FAN_MARK_ADD|FAN_MARK_ONLYDIR
Value decode_fan_event_mask(const DecodeContext& ctx, int i);     // FAN_CREATE|FAN_ONDIR, 64 bits
Value decode_fan_dirfd(const DecodeContext& ctx, int i);          // FAN_NOFD, AT_FDCWD, 3

} // namespace trace
