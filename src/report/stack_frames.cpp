#include "trace/report/stack_frames.hpp"

#include <iterator>

namespace trace {

void append_frame(fmt::memory_buffer& out, const StackFrame& frame) {
    auto it = std::back_inserter(out);
    switch (frame.kind) {
    case StackFrame::Kind::frame:
        if (frame.symbol.empty()) {
            fmt::format_to(it, "{}() [{:#x}]", frame.module, frame.address);
        } else {
            fmt::format_to(it, "{}({}+{:#x}) [{:#x}]", frame.module, frame.symbol, frame.symbol_offset,
                           frame.address);
        }
        break;
    case StackFrame::Kind::error:
        fmt::format_to(it, "unexpected_backtracing_error [{:#x}]", frame.address);
        break;
    case StackFrame::Kind::truncated:
        fmt::format_to(it, "too many stack frames");
        break;
    }
}

void append_stack(fmt::memory_buffer& out, std::span<const StackFrame> stack) {
    for (const StackFrame& frame : stack) {
        out.append(std::string_view(" > "));
        append_frame(out, frame);
        out.push_back('\n');
    }
}

} // namespace trace
