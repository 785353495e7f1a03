#include "trace/report/hex_dump.hpp"

#include <algorithm>
#include <iterator>

namespace trace {

namespace {

constexpr std::size_t kBytesPerLine = 16;

} // namespace

void append_hex_dump(fmt::memory_buffer& out, const DataDump& dump) {
    auto it = std::back_inserter(out);
    if (dump.buffer >= 0) fmt::format_to(it, " * {} bytes in buffer {}\n", dump.bytes.size(), dump.buffer);
    for (std::size_t offset = 0; offset < dump.bytes.size(); offset += kBytesPerLine) {
        const std::size_t n = std::min(kBytesPerLine, dump.bytes.size() - offset);
        fmt::format_to(it, " | {:05x}  ", offset);
        for (std::size_t i = 0; i < kBytesPerLine; ++i) {
            if (i < n) {
                fmt::format_to(it, "{:02x} ", static_cast<unsigned char>(dump.bytes[offset + i]));
            } else {
                fmt::format_to(it, "   ");
            }
            if (i == kBytesPerLine / 2 - 1) out.push_back(' ');
        }
        out.push_back(' ');
        for (std::size_t i = 0; i < kBytesPerLine; ++i) {
            const auto c = i < n ? static_cast<unsigned char>(dump.bytes[offset + i]) : ' ';
            out.push_back(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '.');
        }
        fmt::format_to(it, " |\n");
    }
}

} // namespace trace
