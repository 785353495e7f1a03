#pragma once
// strace's hex dump of the data -e read= and -e write= show after a call's line:
//    * 5 bytes in buffer 0                                  (for one iovec of several)
//    | 00000  68 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 20 74 68  hello, world! th |
#include "trace/decode/io_dump.hpp"

#include <fmt/format.h>

namespace trace {

// Appends the dump's lines, each ending in a newline.
void append_hex_dump(fmt::memory_buffer& out, const DataDump& dump);

} // namespace trace
