// Escaping of strings for the strace and JSON printers.
#include "trace/report/escape.hpp"
#include "trace/report/buffer.hpp"

#include <cstdint>
#include <iterator>

namespace trace {
namespace {

// The length of the valid UTF-8 sequence at s[i], or 0 (overlong forms, surrogates and code
// points past U+10FFFF are not valid).
std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        cp = c & 0x1fu;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        cp = c & 0x0fu;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        cp = c & 0x07u;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((b(i + k) & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (b(i + k) & 0x3fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

// The name both forms give a byte ("\\n"), or nullptr.
const char* named_escape(unsigned char c, Escaping how) {
    switch (c) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\f':
        return "\\f";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    case '\v':
        return how == Escaping::strace || how == Escaping::strace_hex_chars ? "\\v" : nullptr;
    case '\b':
        return how == Escaping::json ? "\\b" : nullptr;
    default:
        return nullptr;
    }
}

bool is_octal_digit(char c) {
    return c >= '0' && c <= '7';
}

} // namespace

void append_escaped(fmt::memory_buffer& out, std::string_view bytes, Escaping how) {
    auto it = std::back_inserter(out);
    for (std::size_t i = 0; i < bytes.size();) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (how == Escaping::strace_hex) {
            fmt::format_to(it, "\\x{:02x}", c);
            ++i;
            continue;
        }
        if (const char* name = named_escape(c, how)) {
            append(out, name);
            ++i;
            continue;
        }
        if (c >= 0x20 && c <= 0x7e) {
            out.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        if (how == Escaping::json) {
            const std::size_t len = c >= 0x80 ? utf8_length(bytes, i) : 0;
            if (len == 0) {
                fmt::format_to(it, "\\u{:04x}", c); // a control byte, or one that is not UTF-8
                ++i;
            } else {
                append(out, bytes.substr(i, len));
                i += len;
            }
            continue;
        }
        if (how == Escaping::strace_hex_chars) {
            fmt::format_to(it, "\\x{:02x}", c);
            ++i;
            continue;
        }
        // all three digits when a digit follows, so that it is not read as part of the escape
        if (i + 1 < bytes.size() && is_octal_digit(bytes[i + 1]))
            fmt::format_to(it, "\\{:03o}", c);
        else
            fmt::format_to(it, "\\{:o}", c);
        ++i;
    }
}

} // namespace trace
