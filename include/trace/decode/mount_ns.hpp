#pragma once
// Mounts and namespaces: mount's type, flags and data, umount2's flags, setns's namespace type.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

namespace trace {

// The ArgKind decoders (registered in src/decode/registry.cpp).
// mount's filesystem type and data: strings, or addresses when the flags (argument 3) make the kernel
// ignore them (MS_BIND, MS_MOVE, propagation changes; MS_REMOUNT ignores only the type).
Value decode_mount_type(const DecodeContext& ctx, int i);
Value decode_mount_data(const DecodeContext& ctx, int i);
Value decode_mount_flags(const DecodeContext& ctx, int i);  // MS_MGC_VAL|MS_RDONLY|MS_NOSUID
Value decode_umount_flags(const DecodeContext& ctx, int i); // MNT_DETACH|UMOUNT_NOFOLLOW
Value decode_setns_type(const DecodeContext& ctx, int i);   // CLONE_NEWNET

} // namespace trace
