// JSON text of strings and decoded values.
#include "trace/report/json.hpp"

#include <iterator>

namespace trace {
namespace {

void append(fmt::memory_buffer& out, std::string_view text) {
    out.append(text.data(), text.data() + text.size());
}

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

} // namespace

void append_json_string(fmt::memory_buffer& out, std::string_view s) {
    auto it = std::back_inserter(out);
    out.push_back('"');
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
            case '"':
                append(out, "\\\"");
                break;
            case '\\':
                append(out, "\\\\");
                break;
            case '\n':
                append(out, "\\n");
                break;
            case '\t':
                append(out, "\\t");
                break;
            case '\r':
                append(out, "\\r");
                break;
            case '\b':
                append(out, "\\b");
                break;
            case '\f':
                append(out, "\\f");
                break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    fmt::format_to(it, "\\u{:04x}", c);
                } else {
                    out.push_back(static_cast<char>(c));
                }
            }
            ++i;
            continue;
        }
        const std::size_t len = utf8_length(s, i);
        if (len == 0) {
            fmt::format_to(it, "\\u{:04x}", c); // a byte that is not UTF-8: U+0080..U+00FF
            ++i;
            continue;
        }
        append(out, s.substr(i, len));
        i += len;
    }
    out.push_back('"');
}

void append_json_value(fmt::memory_buffer& out, const Value& v) {
    auto it = std::back_inserter(out);
    switch (v.type) {
    case ValueType::Signed:
    case ValueType::Fd:
        fmt::format_to(it, "{}", v.as_signed());
        return;
    case ValueType::Unsigned:
        fmt::format_to(it, "{}", v.num);
        return;
    case ValueType::Hex:
        fmt::format_to(it, "\"{:#x}\"", v.num);
        return;
    case ValueType::Octal:
        fmt::format_to(it, "\"0{:o}\"", v.num);
        return;
    case ValueType::Address:
        if (v.num == 0) {
            append(out, "null");
        } else {
            fmt::format_to(it, "\"{:#x}\"", v.num);
        }
        return;
    case ValueType::Symbol:
    case ValueType::Raw:
        append_json_string(out, v.text);
        return;
    case ValueType::String:
        if (!v.truncated) {
            append_json_string(out, v.text);
            return;
        }
        append(out, "{\"string\":");
        append_json_string(out, v.text);
        append(out, ",\"truncated\":true}");
        return;
    case ValueType::Struct: {
        out.push_back('{');
        bool first = true;
        for (const Field& f : v.fields) {
            if (f.value.omitted) continue;
            if (!first) out.push_back(',');
            first = false;
            append_json_string(out, f.name);
            out.push_back(':');
            append_json_value(out, f.value);
        }
        if (v.truncated) append(out, first ? "\"...\":true" : ",\"...\":true");
        out.push_back('}');
        return;
    }
    case ValueType::Array: {
        out.push_back('[');
        bool first = true;
        for (const Field& f : v.fields) {
            if (f.value.omitted) continue;
            if (!first) out.push_back(',');
            first = false;
            append_json_value(out, f.value);
        }
        if (v.truncated) append(out, first ? "\"...\"" : ",\"...\"");
        out.push_back(']');
        return;
    }
    case ValueType::Unknown:
        append(out, "null");
        return;
    }
}

} // namespace trace
