#pragma once
// Memory calls beyond mmap's protection and flags (arg_decoders.hpp): mremap, madvise, msync, mlock2,
// mlockall, mincore.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

namespace trace {

// The ArgKind decoders (registered in src/decode/registry.cpp).
Value decode_mremap_flags(const DecodeContext& ctx, int i);    // MREMAP_MAYMOVE|MREMAP_FIXED
Value decode_mremap_new_addr(const DecodeContext& ctx, int i); // left out unless MREMAP_MAYMOVE|MREMAP_FIXED
Value decode_madvise_advice(const DecodeContext& ctx, int i);  // MADV_DONTNEED
Value decode_msync_flags(const DecodeContext& ctx, int i);     // MS_SYNC|MS_INVALIDATE
Value decode_pkey_access(const DecodeContext& ctx, int i);     // PKEY_DISABLE_WRITE; 0: PKEY_UNRESTRICTED
Value decode_mlock_flags(const DecodeContext& ctx, int i);     // MLOCK_ONFAULT
Value decode_mlockall_flags(const DecodeContext& ctx, int i);  // MCL_CURRENT|MCL_FUTURE
Value decode_mincore_vec(const DecodeContext& ctx, int i);     // [1, 0, 1]: one byte a page, at exit

} // namespace trace
