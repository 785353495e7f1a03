// JSON text of strings and decoded values: the same values the strace printer renders, as structure.
#include "trace/report/buffer.hpp"
#include "trace/report/escape.hpp"
#include "trace/report/json.hpp"
#include "trace/report/value_printer.hpp"

#include <iterator>

namespace trace {
namespace {

void append_hex(fmt::memory_buffer& out, std::uint64_t v) {
    fmt::format_to(std::back_inserter(out), "\"{:#x}\"", v);
}

// Members as "name":value, the nameless ones (an array) as values.
void append_members(fmt::memory_buffer& out, const Value& v) {
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
}

void append_elements(fmt::memory_buffer& out, const Value& v) {
    bool first = true;
    for (const Field& f : v.fields) {
        if (f.value.omitted) continue;
        if (!first) out.push_back(',');
        first = false;
        append_json_value(out, f.value);
    }
    if (v.truncated) append(out, first ? "\"...\"" : ",\"...\"");
}

// {"name":"htons","args":[80]}, {"op":"<<","args":[1,"CAP_KILL"]}
void append_applied(fmt::memory_buffer& out, std::string_view key, const Value& v) {
    out.push_back('{');
    append_json_string(out, key);
    out.push_back(':');
    append_json_string(out, v.text);
    append(out, ",\"args\":[");
    append_elements(out, v);
    append(out, "]}");
}

// -y: an fd with what it is: {"fd":3,"path":"/etc/passwd"}; {"fd":5,"socket":{...}}; {"fd":7,"pid":12}.
void append_described_fd(fmt::memory_buffer& out, const Value& v) {
    append(out, "{\"fd\":");
    if (v.type == ValueType::Symbol)
        append_json_string(out, v.text);
    else
        fmt::format_to(std::back_inserter(out), "{}", v.as_signed());
    for (const Field& f : v.fields) {
        out.push_back(',');
        append_json_string(out, f.name);
        out.push_back(':');
        if (f.name == "deleted")
            append(out, "true");
        else
            append_json_value(out, f.value);
    }
    out.push_back('}');
}

} // namespace

void append_json_string(fmt::memory_buffer& out, std::string_view s) {
    out.push_back('"');
    append_escaped(out, s, Escaping::json);
    out.push_back('"');
}

void append_json_value(fmt::memory_buffer& out, const Value& v) {
    auto it = std::back_inserter(out);
    if ((v.type == ValueType::Fd || v.type == ValueType::Symbol) && !v.fields.empty()) {
        append_described_fd(out, v);
        return;
    }
    switch (v.type) {
    case ValueType::Signed:
    case ValueType::Fd:
        fmt::format_to(it, "{}", v.as_signed());
        return;
    case ValueType::Unsigned:
    case ValueType::Count:
        fmt::format_to(it, "{}", v.num);
        return;
    case ValueType::Hex:
    case ValueType::HexDigits:
        append_hex(out, v.num);
        return;
    case ValueType::Octal:
        fmt::format_to(it, "\"0{:o}\"", v.num);
        return;
    case ValueType::Address:
        if (v.num == 0)
            append(out, "null");
        else
            append_hex(out, v.num);
        return;
    case ValueType::Symbol:
    case ValueType::Raw:
        append_json_string(out, v.text);
        return;
    case ValueType::Date:
        append_json_string(out, date_text(v.as_signed()));
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
    case ValueType::Flags: // a list of names (and the bits no name covers)
    case ValueType::Set:
    case ValueType::Array:
        out.push_back('[');
        append_elements(out, v);
        out.push_back(']');
        return;
    case ValueType::Struct:
    case ValueType::WaitStatus:
        out.push_back('{');
        append_members(out, v);
        out.push_back('}');
        return;
    case ValueType::Call:
        append_applied(out, "call", v);
        return;
    case ValueType::Operation:
        append_applied(out, "op", v);
        return;
    case ValueType::Changed:
        if (v.fields.size() != 2) break;
        append(out, "{\"before\":");
        append_json_value(out, v.fields[0].value);
        append(out, ",\"after\":");
        append_json_value(out, v.fields[1].value);
        out.push_back('}');
        return;
    case ValueType::MoreAt:
        append(out, "{\"unreadable_at\":");
        append_hex(out, v.num);
        out.push_back('}');
        return;
    case ValueType::Unknown:
        break;
    }
    append(out, "null");
}

} // namespace trace
