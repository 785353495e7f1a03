#pragma once
// Scheduling attributes, memory barriers and restartable sequences: sched_setattr's and
// sched_getattr's struct sched_attr, membarrier's command, flags and cpu, and the command set
// MEMBARRIER_CMD_QUERY returns; rseq's struct rseq and flags.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

namespace trace {

// The ArgKind decoders (registered in src/decode/registry.cpp).
// sched_setattr's struct sched_attr, as long as its own size field says (at least the first version).
Value decode_sched_attr_in(const DecodeContext& ctx, int i);
// sched_getattr's, at exit: as long as the size argument (the next one) allows and the kernel wrote.
Value decode_sched_attr_out(const DecodeContext& ctx, int i);
Value decode_membarrier_cmd(const DecodeContext& ctx, int i);   // MEMBARRIER_CMD_GLOBAL
Value decode_membarrier_flags(const DecodeContext& ctx, int i); // MEMBARRIER_CMD_FLAG_CPU
// The cpu: printed only with MEMBARRIER_CMD_FLAG_CPU in the flags (the argument before it).
Value decode_membarrier_cpu(const DecodeContext& ctx, int i);
// rseq's struct rseq: {cpu_id_start=0, cpu_id=RSEQ_CPU_ID_UNINITIALIZED, rseq_cs=NULL, ...}; an address
// where the kernel would refuse it (shorter than 32 bytes, or not aligned to 32).
Value decode_rseq_area(const DecodeContext& ctx, int i);
Value decode_rseq_flags(const DecodeContext& ctx, int i); // RSEQ_FLAG_UNREGISTER

// membarrier's return: MEMBARRIER_CMD_QUERY's non-zero set in hex, its commands after it; else unknown
// (the number as it is).
Value membarrier_return(const DecodeContext& ctx);

} // namespace trace
