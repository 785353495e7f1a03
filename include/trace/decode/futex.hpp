#pragma once
// futex and futex_waitv: the arguments futex prints depend on its operation (strace prints only those
// the operation uses); futex_waitv's array of struct futex_waitv.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

#include <cstdint>
#include <vector>

namespace trace {

// FUTEX_WAKE_OP's encoded operation: "FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1".
Value futex_wake_op_value(std::uint32_t val3);

// struct futex_waitv's flags: "FUTEX2_SIZE_U32|FUTEX2_PRIVATE".
Value futex2_flags_value(std::uint32_t flags);

// Whole-call decoders (src/decode/call_registry.cpp), all decoded at entry:
// futex(0x7f..., FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY)
int decode_futex(const DecodeContext& ctx, std::vector<Value>& values);
// futex_waitv([{val=0, uaddr=0x..., flags=FUTEX2_SIZE_U32|FUTEX2_PRIVATE}], 1, 0, NULL, CLOCK_MONOTONIC)
int decode_futex_waitv(const DecodeContext& ctx, std::vector<Value>& values);

} // namespace trace
