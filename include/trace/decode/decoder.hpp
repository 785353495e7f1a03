#pragma once
// Turning a syscall's raw arguments into Values. One function per ArgKind, registered in
// src/decode/registry.cpp: adding a decoder is one function plus one table entry.
#include "trace/decode/memory.hpp"
#include "trace/decode/value.hpp"
#include "trace/syscalls/table.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <sys/types.h>

namespace trace {

struct DecodeOptions {
    std::size_t string_limit = 32; // -s: bytes of a string or buffer shown
    bool verbose = false;          // -v: structures and envp in full
};

// The call being decoded, as the decoders see it.
struct CallView {
    const SyscallEntry* entry = nullptr;
    std::array<std::uint64_t, kMaxArgs> args{};
    std::int64_t ret = 0;  // valid when exiting
    bool exiting = false;  // false: decoding at entry (inputs); true: at exit (outputs)
    bool failed = false;   // the call returned an error: outputs are shown as addresses
    pid_t pid = 0;
    std::uint64_t sp = 0;          // the stack pointer at entry (rt_sigreturn reads its frame there)
    Value* ret_detail = nullptr;   // where a decoder may put what follows the return value (events.hpp)
};

struct DecodeContext {
    RemoteMemory& mem;
    const DecodeOptions& opts;
    const CallView& call;

    std::uint64_t arg(int i) const { return call.args[static_cast<std::size_t>(i)]; }
    const ArgSpec& spec(int i) const { return call.entry->args[i]; }
    // The length bound to argument i (another argument, or the return value), if any.
    bool bound_length(int i, std::uint64_t& len) const;
};

using DecoderFn = Value (*)(const DecodeContext&, int arg_index);

// Decodes argument i of the call with the decoder registered for its kind.
Value decode_arg(const DecodeContext& ctx, int arg_index);

// The decoder registered for a kind (every kind has one; tested).
DecoderFn decoder_for(ArgKind kind);

} // namespace trace
