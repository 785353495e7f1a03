#include "trace/report/value_printer.hpp"
#include "trace/report/buffer.hpp"

#include "trace/report/escape.hpp"

#include <array>
#include <ctime>
#include <iterator>
#include <string_view>

namespace trace {

namespace {

// strace's %#x: 0x1f, and 0 for 0; with a width, the digits zero-padded (fmt's {:#0Nx}).
void print_hex(fmt::memory_buffer& out, std::uint64_t v, std::uint8_t width = 0) {
    if (width != 0)
        fmt::format_to(std::back_inserter(out), "{:#0{}x}", v, width);
    else if (v == 0)
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

// A name that keeps no number (Value::name) prints as itself under -X raw too.
bool has_raw_number(const Value& v) {
    switch (v.type) {
    case ValueType::Symbol:
    case ValueType::Flags:
    case ValueType::Call:
    case ValueType::Operation:
        return v.raw_style != ValueType::Symbol;
    default:
        return false;
    }
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

// -x: the whole string goes hex when it holds a byte that is neither printable ASCII nor \t\n\v\f\r.
bool needs_hex(std::string_view bytes) {
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c > 0x7e || (c < 0x20 && (c < '\t' || c > '\r'))) return true;
    }
    return false;
}

void print_list(fmt::memory_buffer& out, const Value& v, const PrintOptions& opts, std::string_view sep) {
    bool first = true;
    for (const Field& f : v.fields) {
        if (!first) append(out, sep);
        first = false;
        if (!f.name.empty()) {
            append(out, f.name);
            out.push_back('=');
        }
        print_value(out, f.value, opts);
    }
}

void print_fields(fmt::memory_buffer& out, const Value& v, const PrintOptions& opts, char open, char close) {
    out.push_back(open);
    print_list(out, v, opts, ", ");
    if (v.truncated) append(out, v.fields.empty() ? "..." : ", ...");
    out.push_back(close);
}

const Value* field(const Value& v, std::string_view name) {
    for (const Field& f : v.fields)
        if (f.name == name) return &f.value;
    return nullptr;
}

// An endpoint of an inet socket: 127.0.0.1:80, [::1]:80.
void print_socket_endpoint(fmt::memory_buffer& out, const Value& endpoint) {
    const Value* address = field(endpoint, "address");
    const Value* port = field(endpoint, "port");
    if (address == nullptr || port == nullptr) return;
    const bool ipv6 = address->text.find(':') != std::string::npos;
    if (ipv6) out.push_back('[');
    append(out, address->text);
    if (ipv6) out.push_back(']');
    fmt::format_to(std::back_inserter(out), ":{}", port->num);
}

// A socket as strace's -yy shows it (trace/decode/socket_table.hpp): TCP:[127.0.0.1:80->127.0.0.1:4000],
// NETLINK:[ROUTE:1234], UNIX-STREAM:[7->8,@"name"], UDP:[1234]. A name is quoted whatever -x says.
void print_socket(fmt::memory_buffer& out, const Value& v) {
    if (const Value* protocol = field(v, "protocol")) append(out, protocol->text);
    append(out, ":[");
    const Value* inode = field(v, "inode");
    if (const Value* local = field(v, "local")) {
        print_socket_endpoint(out, *local);
        if (const Value* remote = field(v, "remote")) {
            append(out, "->");
            print_socket_endpoint(out, *remote);
        }
    } else if (const Value* netlink = field(v, "netlink_protocol")) {
        if (netlink->type == ValueType::Symbol) {
            std::string_view name = netlink->text;
            if (name.starts_with("NETLINK_")) name.remove_prefix(8);
            append(out, name);
            if (const Value* portid = field(v, "portid"))
                fmt::format_to(std::back_inserter(out), ":{}", portid->num);
        } else {
            fmt::format_to(std::back_inserter(out), "{}", netlink->num);
        }
    } else if (inode != nullptr) {
        fmt::format_to(std::back_inserter(out), "{}", inode->num);
        if (const Value* peer = field(v, "peer")) fmt::format_to(std::back_inserter(out), "->{}", peer->num);
        const Value* abstract = field(v, "abstract");
        if (const Value* name = abstract != nullptr ? abstract : field(v, "path")) {
            append(out, abstract != nullptr ? ",@\"" : ",\"");
            append_escaped(out, name->text, Escaping::strace);
            out.push_back('"');
        }
    }
    out.push_back(']');
}

// A device node's type and numbers: char 1:3.
void print_device(fmt::memory_buffer& out, const Value& v) {
    const Value* type = field(v, "type");
    const Value* major = field(v, "major");
    const Value* minor = field(v, "minor");
    if (type == nullptr || major == nullptr || minor == nullptr) return;
    fmt::format_to(std::back_inserter(out), "{} {}:{}", type->text, major->num, minor->num);
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
            out.push_back('<');
            print_device(out, f.value);
            out.push_back('>');
        } else if (f.name == "socket") {
            print_socket(out, f.value);
        } else if (f.name == "pid") {
            fmt::format_to(std::back_inserter(out), "pid:{}", f.value.as_signed());
        } else if (f.name == "deleted") {
            deleted = true;
        }
    }
    out.push_back('>');
    if (deleted) append(out, "(deleted)");
}

// [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP | 0x80} | ...].
void print_wait_status(fmt::memory_buffer& out, const Value& v, const PrintOptions& opts) {
    out.push_back('[');
    if (const Value* sig = field(v, "stopped")) {
        append(out, "{WIFSTOPPED(s) && WSTOPSIG(s) == ");
        print_value(out, *sig, opts);
        if (field(v, "syscall_stop") != nullptr) append(out, " | 0x80");
        out.push_back('}');
    } else if (const Value* term = field(v, "signaled")) {
        append(out, "{WIFSIGNALED(s) && WTERMSIG(s) == ");
        print_value(out, *term, opts);
        if (field(v, "core_dumped") != nullptr) append(out, " && WCOREDUMP(s)");
        out.push_back('}');
    } else if (const Value* code = field(v, "exited")) {
        append(out, "{WIFEXITED(s) && WEXITSTATUS(s) == ");
        print_value(out, *code, opts);
        out.push_back('}');
    } else if (field(v, "continued") != nullptr) {
        append(out, "{WIFCONTINUED(s)}");
    }
    if (const Value* event = field(v, "event")) {
        append(out, " | ");
        print_value(out, *event, opts);
        append(out, " << 16");
    }
    if (const Value* rest = field(v, "rest")) {
        if (out.size() > 0 && out[out.size() - 1] != '[') append(out, " | ");
        print_value(out, *rest, opts);
    }
    out.push_back(']');
}

void print_symbolic(fmt::memory_buffer& out, const Value& v, const PrintOptions& opts) {
    switch (v.type) {
    case ValueType::Flags:
        print_list(out, v, opts, "|");
        break;
    case ValueType::Call:
        append(out, v.text);
        out.push_back('(');
        print_list(out, v, opts, ", ");
        out.push_back(')');
        break;
    case ValueType::Operation:
        if (v.fields.size() == 1) { // a prefix: @"abstract"
            append(out, v.text);
            print_value(out, v.fields[0].value, opts);
        } else if (v.fields.size() == 2) {
            print_value(out, v.fields[0].value, opts);
            append(out, v.text);
            print_value(out, v.fields[1].value, opts);
        }
        break;
    default:
        append(out, v.text);
        break;
    }
}

void print_notes(fmt::memory_buffer& out, const Value& v, const PrintOptions& opts) {
    fmt::memory_buffer text;
    for (const Value& n : v.notes) {
        // -X raw leaves out the names of unknown values ("/* AT_??? */"), as strace does.
        if (opts.raw_constants && n.type == ValueType::Symbol && std::string_view(n.text).ends_with("???"))
            continue;
        fmt::memory_buffer one;
        print_value(one, n, opts);
        if (one.size() == 0) continue;
        if (text.size() != 0) append(text, ", ");
        text.append(one.data(), one.data() + one.size());
    }
    if (text.size() == 0) return;
    append(out, " /* ");
    out.append(text.data(), text.data() + text.size());
    append(out, " */");
}

} // namespace

bool print_arguments(fmt::memory_buffer& out, std::span<const Value> values, const PrintOptions& opts,
                     bool separate) {
    bool printed = false;
    for (const Value& v : values) {
        if (v.omitted) continue;
        if ((printed || separate) && !v.joined) append(out, ", ");
        print_value(out, v, opts);
        printed = true;
    }
    return printed;
}

void print_ret_detail(fmt::memory_buffer& out, const Value& detail, const PrintOptions& opts) {
    if (detail.type == ValueType::Unknown) return;
    append(out, " (");
    if (detail.type != ValueType::Struct) {
        print_value(out, detail, opts);
    } else {
        bool first = true;
        for (const Field& f : detail.fields) {
            if (!first) append(out, ", ");
            first = false;
            if (!f.name.empty()) {
                append(out, f.name);
                append(out, " ");
            }
            print_value(out, f.value, opts);
        }
    }
    append(out, ")");
}

std::string date_text(std::int64_t sec, std::uint64_t frac, int digits) {
    const auto t = static_cast<std::time_t>(sec);
    std::tm tm{};
    if (localtime_r(&t, &tm) == nullptr) return {};
    std::array<char, 64> date{};
    std::array<char, 16> zone{};
    if (std::strftime(date.data(), date.size(), "%FT%T", &tm) == 0) return {};
    std::strftime(zone.data(), zone.size(), "%z", &tm);
    if (frac == 0 || digits == 0) return fmt::format("{}{}", date.data(), zone.data());
    return fmt::format("{}.{:0{}}{}", date.data(), frac, digits, zone.data());
}

void print_quoted(fmt::memory_buffer& out, std::string_view bytes, bool truncated, const PrintOptions& opts) {
    const bool hex = opts.xmode == XMode::all || (opts.xmode == XMode::non_ascii && needs_hex(bytes));
    out.push_back('"');
    const Escaping how = hex                                    ? Escaping::strace_hex
                         : opts.xmode == XMode::non_ascii_chars ? Escaping::strace_hex_chars
                                                                : Escaping::strace;
    append_escaped(out, bytes, how);
    out.push_back('"');
    if (truncated) append(out, "...");
}

void print_value(fmt::memory_buffer& out, const Value& v, const PrintOptions& opts) {
    if (v.omitted) return;
    out.append(v.prefix.data(), v.prefix.data() + v.prefix.size());
    auto it = std::back_inserter(out);
    switch (v.type) {
    case ValueType::Signed:
    case ValueType::Fd:
        fmt::format_to(it, "{}", v.as_signed());
        break;
    case ValueType::Unsigned:
        if (v.width != 0)
            fmt::format_to(it, "{:0{}}", v.num, v.width);
        else
            fmt::format_to(it, "{}", v.num);
        break;
    case ValueType::Hex:
        print_hex(out, v.num, v.width);
        break;
    case ValueType::HexDigits:
        fmt::format_to(it, "{:0{}x}", v.num, v.width);
        break;
    case ValueType::Octal:
        if (v.width == 3)
            print_octal3(out, v.num);
        else if (v.num == 0)
            out.push_back('0');
        else
            fmt::format_to(it, "0{:o}", v.num);
        break;
    case ValueType::Address:
        if (v.num == 0)
            append(out, "NULL");
        else
            fmt::format_to(it, "{:#x}", v.num);
        break;
    case ValueType::Symbol:
    case ValueType::Flags:
    case ValueType::Call:
    case ValueType::Operation:
        if ((opts.raw_constants || opts.verbose_constants) && has_raw_number(v)) {
            fmt::memory_buffer number;
            print_raw_symbol(number, v);
            out.append(number.data(), number.data() + number.size());
            if (opts.verbose_constants) {
                // -X verbose: the name as a comment, unless the number says it already (modes: 0600)
                fmt::memory_buffer names;
                print_symbolic(names, v, PrintOptions{opts.xmode, opts.string_limit, false, false});
                if (std::string_view(names.data(), names.size()) !=
                    std::string_view(number.data(), number.size())) {
                    append(out, " /* ");
                    out.append(names.data(), names.data() + names.size());
                    append(out, " */");
                }
            }
        } else {
            // the parts of a symbolic form are names: only the whole has a number for -X raw
            print_symbolic(out, v, PrintOptions{opts.xmode, opts.string_limit, false, false});
        }
        break;
    case ValueType::String:
        if (v.raw_style == ValueType::HexDigits)
            print_quoted(out, v.text, v.truncated, PrintOptions{XMode::all, opts.string_limit});
        else if (v.raw_style == ValueType::Symbol)
            print_quoted(out, v.text, v.truncated, PrintOptions{XMode::none, opts.string_limit});
        else
            print_quoted(out, v.text, v.truncated, opts);
        break;
    case ValueType::Set:
        out.push_back('[');
        print_list(out, v, opts, " ");
        if (v.truncated) append(out, v.fields.empty() ? "..." : " ...");
        out.push_back(']');
        break;
    case ValueType::Struct:
        if (v.text == "socket")
            print_socket(out, v);
        else
            print_fields(out, v, opts, '{', '}');
        break;
    case ValueType::Array:
        print_fields(out, v, opts, '[', ']');
        break;
    case ValueType::Changed:
        if (v.fields.size() == 2) {
            print_value(out, v.fields[0].value, opts);
            append(out, " => ");
            print_value(out, v.fields[1].value, opts);
        }
        break;
    case ValueType::MoreAt:
        fmt::format_to(it, "... /* {:#x} */", v.num);
        break;
    case ValueType::Date: {
        const Value* frac = field(v, "frac");
        append(out,
               date_text(v.as_signed(), frac != nullptr ? frac->num : 0, frac != nullptr ? frac->width : 0));
        break;
    }
    case ValueType::Count:
        fmt::format_to(it, "{}{} {}", v.num, v.truncated ? "+" : "", v.text);
        break;
    case ValueType::WaitStatus:
        print_wait_status(out, v, opts);
        break;
    case ValueType::Raw:
        append(out, v.text);
        break;
    case ValueType::Unknown:
        out.push_back('?');
        break;
    }
    if ((v.type == ValueType::Fd || v.type == ValueType::Symbol) && !v.fields.empty())
        print_fd_info(out, v, opts);
    print_notes(out, v, opts);
}

} // namespace trace
