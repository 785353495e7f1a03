#pragma once
// io_uring_setup (struct io_uring_params: the caller's part at entry, the kernel's answer at exit),
// io_uring_enter (flags, then a signal set or struct io_uring_getevents_arg) and io_uring_register
// (the opcode; descriptor arrays for the file and eventfd registrations, else the address).
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

#include <vector>

namespace trace {

// Whole-call decoders (src/decode/call_registry.cpp).
// io_uring_setup(4, {flags=0, sq_thread_cpu=0, sq_thread_idle=0, sq_entries=4, ..., cq_off={...}}) = 3
int decode_io_uring_setup(const DecodeContext& ctx, std::vector<Value>& values);
// io_uring_enter(3, 1, 1, IORING_ENTER_GETEVENTS, [USR1], 8)
int decode_io_uring_enter(const DecodeContext& ctx, std::vector<Value>& values);
// io_uring_register(3, IORING_REGISTER_FILES, [0, 1], 2)
int decode_io_uring_register(const DecodeContext& ctx, std::vector<Value>& values);

} // namespace trace
