#pragma once
// Mounts and namespaces: umount2's flags, setns's namespace type.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

namespace trace {

// The ArgKind decoders (registered in src/decode/registry.cpp).
Value decode_umount_flags(const DecodeContext& ctx, int i); // MNT_DETACH|UMOUNT_NOFOLLOW
Value decode_setns_type(const DecodeContext& ctx, int i);   // CLONE_NEWNET

} // namespace trace
