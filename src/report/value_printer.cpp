#include "trace/report/value_printer.hpp"

#include <iterator>
#include <string_view>

namespace trace {

namespace {

void append(fmt::memory_buffer& out, std::string_view s) {
    out.append(s.data(), s.data() + s.size());
}

// strace's %#x: 0x1f, and 0 for 0.
void print_hex(fmt::memory_buffer& out, std::uint64_t v) {
    if (v == 0)
        out.push_back('0');
    else
        fmt::format_to(std::back_inserter(out), "{:#x}", v);
}

// strace's %#03o, used for modes: 0644, 000.
void print_octal3(fmt::memory_buffer& out, std::uint64_t v) {
    std::string digits = fmt::format("{:o}", v);
    if (digits[0] != '0') digits.insert(0, "0");
    if (digits.size() < 3) digits.insert(0, 3 - digits.size(), '0');
    append(out, digits);
}

void print_raw_symbol(fmt::memory_buffer& out, const Value& v) {
    switch (v.raw_style) {
    case ValueType::Signed:
        fmt::format_to(std::back_inserter(out), "{}", v.as_signed());
        break;
    case ValueType::Unsigned:
        fmt::format_to(std::back_inserter(out), "{}", v.num);
        break;
    case ValueType::Octal:
        print_octal3(out, v.num);
        break;
    default:
        print_hex(out, v.num);
        break;
    }
}

bool is_octal_digit(char c) {
    return c >= '0' && c <= '7';
}

// -x: the whole string goes hex when it holds a byte that is neither printable ASCII nor \t\n\v\f\r.
bool needs_hex(std::string_view bytes) {
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c > 0x7e || (c < 0x20 && (c < '\t' || c > '\r'))) return true;
    }
    return false;
}

void print_fields(fmt::memory_buffer& out, const Value& v, const PrintOptions& opts, char open, char close) {
    out.push_back(open);
    bool first = true;
    for (const Field& f : v.fields) {
        if (!first) append(out, ", ");
        first = false;
        if (!f.name.empty()) {
            append(out, f.name);
            out.push_back('=');
        }
        print_value(out, f.value, opts);
    }
    if (v.truncated) append(out, first ? "..." : ", ...");
    out.push_back(close);
}

// -y, -yy: what the descriptor is, in angle brackets (trace/decode/fd_info.hpp): </etc/passwd>,
// </tmp/x>(deleted), </dev/null<char 1:3>>, <TCP:[127.0.0.1:80]>, <pid:1234>. In a path, non-printable
// bytes and the brackets themselves are escaped.
void print_fd_info(fmt::memory_buffer& out, const Value& v, const PrintOptions& opts) {
    bool deleted = false;
    out.push_back('<');
    for (const Field& f : v.fields) {
        if (f.name == "path") {
            fmt::memory_buffer quoted;
            print_quoted(quoted, f.value.text, false, opts);
            for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
                const char c = quoted[i];
                if (c == '<' || c == '>')
                    fmt::format_to(std::back_inserter(out), "\\{:o}", static_cast<unsigned char>(c));
                else
                    out.push_back(c);
            }
        } else if (f.name == "dev") {
            fmt::format_to(std::back_inserter(out), "<{}>", f.value.text);
        } else if (f.name == "socket") {
            append(out, f.value.text);
        } else if (f.name == "pid") {
            fmt::format_to(std::back_inserter(out), "pid:{}", f.value.as_signed());
        } else if (f.name == "deleted") {
            deleted = true;
        }
    }
    out.push_back('>');
    if (deleted) append(out, "(deleted)");
}

} // namespace

void print_quoted(fmt::memory_buffer& out, std::string_view bytes, bool truncated, const PrintOptions& opts) {
    const bool hex = opts.xmode == XMode::all || (opts.xmode == XMode::non_ascii && needs_hex(bytes));
    out.push_back('"');
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (hex) {
            fmt::format_to(std::back_inserter(out), "\\x{:02x}", c);
            continue;
        }
        switch (c) {
        case '"':
            append(out, "\\\"");
            break;
        case '\\':
            append(out, "\\\\");
            break;
        case '\f':
            append(out, "\\f");
            break;
        case '\n':
            append(out, "\\n");
            break;
        case '\r':
            append(out, "\\r");
            break;
        case '\t':
            append(out, "\\t");
            break;
        case '\v':
            append(out, "\\v");
            break;
        default:
            if (c >= 0x20 && c <= 0x7e) {
                out.push_back(static_cast<char>(c));
            } else if (opts.xmode == XMode::non_ascii_chars) {
                fmt::format_to(std::back_inserter(out), "\\x{:02x}", c);
            } else if (i + 1 < bytes.size() && is_octal_digit(bytes[i + 1])) {
                // all three digits, so that the digit after it is not read as part of the escape
                fmt::format_to(std::back_inserter(out), "\\{:03o}", c);
            } else {
                fmt::format_to(std::back_inserter(out), "\\{:o}", c);
            }
            break;
        }
    }
    out.push_back('"');
    if (truncated) append(out, "...");
}

void print_value(fmt::memory_buffer& out, const Value& v, const PrintOptions& opts) {
    if (v.omitted) return;
    out.append(v.prefix.data(), v.prefix.data() + v.prefix.size());
    switch (v.type) {
    case ValueType::Signed:
    case ValueType::Fd:
        fmt::format_to(std::back_inserter(out), "{}", v.as_signed());
        break;
    case ValueType::Unsigned:
        fmt::format_to(std::back_inserter(out), "{}", v.num);
        break;
    case ValueType::Hex:
        print_hex(out, v.num);
        break;
    case ValueType::Octal:
        if (v.num == 0)
            out.push_back('0');
        else
            fmt::format_to(std::back_inserter(out), "0{:o}", v.num);
        break;
    case ValueType::Address:
        if (v.num == 0)
            append(out, "NULL");
        else
            fmt::format_to(std::back_inserter(out), "{:#x}", v.num);
        break;
    case ValueType::Symbol:
        if (opts.raw_constants || opts.verbose_constants) {
            const std::size_t start = out.size();
            print_raw_symbol(out, v);
            // -X verbose: the name as a comment, unless the number says it already (modes: 0600)
            const std::string_view number(out.data() + start, out.size() - start);
            if (opts.verbose_constants && number != v.text) fmt::format_to(std::back_inserter(out), " /* {} */", v.text);
        } else {
            append(out, v.text);
        }
        break;
    case ValueType::String:
        print_quoted(out, v.text, v.truncated, opts);
        break;
    case ValueType::Struct:
        print_fields(out, v, opts, '{', '}');
        break;
    case ValueType::Array:
        print_fields(out, v, opts, '[', ']');
        break;
    case ValueType::Raw:
        append(out, v.text);
        break;
    case ValueType::Unknown:
        out.push_back('?');
        break;
    }
    if ((v.type == ValueType::Fd || v.type == ValueType::Symbol) && !v.fields.empty()) print_fd_info(out, v, opts);
    if (v.comment.empty()) return;
    // -X raw leaves out the names of unknown values ("/* AT_??? */"), as strace does.
    if (opts.raw_constants && std::string_view(v.comment).ends_with("???")) return;
    fmt::format_to(std::back_inserter(out), " /* {} */", v.comment);
}

} // namespace trace
