#pragma once
// Stack frames (-k) as text, in strace's layout: " > /usr/lib/libc.so.6(__write+0x14) [0xf1234]".
#include "trace/events/events.hpp"

#include <fmt/format.h>
#include <span>

namespace trace {

// One frame without the " > " lead and the newline: "/usr/bin/app(main+0x45) [0x11d5]",
// "/usr/bin/app() [0x11d5]" without a symbol, "unexpected_backtracing_error [0x7f12...]" where the
// stack could not be followed, "too many stack frames" past the frame limit.
void append_frame(fmt::memory_buffer& out, const StackFrame& frame);

// Every frame on its own line, each " > FRAME\n".
void append_stack(fmt::memory_buffer& out, std::span<const StackFrame> stack);

} // namespace trace
