#pragma once
// Decoding one call as the engine asks for it: the printed arguments at entry and at exit (one
// decoder per argument kind, or a whole-call decoder), the return value when it prints as more than
// a number, and the data that -e read= and -e write= dump. Applies -e raw= and the fd options.
#include "trace/decode/decoder.hpp"
#include "trace/decode/io_dump.hpp"
#include "trace/decode/value.hpp"

#include <vector>

namespace trace {

// Fills values for the entry (inputs) or the exit (outputs) of the call. At entry returns the index
// of the first value printed at exit, or -1 when the table's argument directions say it.
int decode_call(const DecodeContext& ctx, std::vector<Value>& values);

// At exit: the return value when it is more than a number (3</etc/passwd> with -y, fcntl's
// "0x1 (flags FD_CLOEXEC)", hex under -e raw=); Unknown for a failed call or a plain number.
Value decode_return(const DecodeContext& ctx);

// At exit: the data of -e read= / -e write= for the calls that move data, in order.
std::vector<DataDump> decode_dumps(const DecodeContext& ctx);

} // namespace trace
