#pragma once
// The line buffer every printer builds its output in.
#include <fmt/format.h>
#include <string_view>

namespace trace {

inline void append(fmt::memory_buffer& out, std::string_view text) {
    out.append(text.data(), text.data() + text.size());
}

} // namespace trace
