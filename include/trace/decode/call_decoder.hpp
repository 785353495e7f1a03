#pragma once
// Decoders for a whole call, for syscalls whose printed arguments are not one value per register:
// clone's named arguments in strace's order, fcntl and ioctl whose third argument depends on the
// second, futex whose later arguments depend on the operation, and so on.
//
// At entry (ctx.call.exiting == false) the decoder receives an empty vector and fills every value
// that will be printed, using Value::unknown() placeholders for the ones known only at exit; it
// returns the split: the index of the first value printed at exit (values.size() when all are
// known at entry). At exit it receives the same vector and fills the placeholders (the return
// value is ignored). Registering one is one function plus one line in src/decode/call_registry.cpp.
#include "trace/decode/decoder.hpp"

#include <vector>

namespace trace {

using CallDecoderFn = int (*)(const DecodeContext& ctx, std::vector<Value>& values);

// The whole-call decoder for a syscall, or nullptr when its arguments are decoded one by one.
CallDecoderFn call_decoder_for(const SyscallEntry& entry);

} // namespace trace
