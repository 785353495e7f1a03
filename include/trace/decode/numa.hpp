#pragma once
// NUMA memory policies: the mode with its flags, node masks, mbind's and get_mempolicy's flags.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

namespace trace {

// The ArgKind decoders (registered in src/decode/registry.cpp).
Value decode_mpol_mode(const DecodeContext& ctx, int i);     // mbind's: MPOL_BIND|MPOL_F_STATIC_NODES
Value decode_mpol_mode_int(const DecodeContext& ctx, int i); // set_mempolicy's (an int)
Value decode_mpol_mode_out(const DecodeContext& ctx, int i); // get_mempolicy's, at exit: [MPOL_DEFAULT]
// A node mask: unsigned longs holding maxnode bits, maxnode the next argument (migrate_nodemask:
// argument 1, as migrate_pages has it); printed [0x00000000000001, 0000000000000000].
Value decode_nodemask(const DecodeContext& ctx, int i);
Value decode_migrate_nodemask(const DecodeContext& ctx, int i);
Value decode_mbind_flags(const DecodeContext& ctx, int i);         // MPOL_MF_STRICT|MPOL_MF_MOVE
Value decode_get_mempolicy_flags(const DecodeContext& ctx, int i); // MPOL_F_NODE|MPOL_F_ADDR

} // namespace trace
