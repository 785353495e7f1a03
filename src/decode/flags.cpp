#include "trace/decode/flags.hpp"

#include <fmt/format.h>

namespace trace {

std::string hex_text(std::uint64_t v) {
    return v == 0 ? std::string("0") : fmt::format("{:#x}", v);
}

std::uint64_t append_flag_names(std::string& out, FlagTable table, std::uint64_t v) {
    for (const FlagEntry& e : table) {
        if (e.value == 0 || (v & e.value) != e.value) continue;
        if (!out.empty() && out.back() != '|') out += '|';
        out += e.name;
        v &= ~e.value;
    }
    return v;
}

std::string flags_text(FlagTable table, std::uint64_t v, std::string_view unknown) {
    if (v == 0) {
        const char* zero = enum_name(table, 0);
        return zero ? std::string(zero) : std::string("0");
    }
    std::string out;
    const std::uint64_t rest = append_flag_names(out, table, v);
    if (out.empty()) {
        out = hex_text(rest);
        if (!unknown.empty()) out += fmt::format(" /* {} */", unknown);
    } else if (rest != 0) {
        out += '|';
        out += hex_text(rest);
    }
    return out;
}

Value flags_value(FlagTable table, std::uint64_t v, std::string_view unknown) {
    std::string names;
    const std::uint64_t rest = v == 0 ? 0 : append_flag_names(names, table, v);
    if (v == 0) {
        if (const char* zero = enum_name(table, 0)) return Value::symbol(zero, 0);
        return Value::hex(0);
    }
    if (names.empty()) {
        Value out = Value::hex(v);
        out.comment = std::string(unknown);
        return out;
    }
    if (rest != 0) names += '|' + hex_text(rest);
    return Value::symbol(std::move(names), v);
}

const char* enum_name(FlagTable table, std::uint64_t v) {
    for (const FlagEntry& e : table)
        if (e.value == v) return e.name;
    return nullptr;
}

std::optional<std::uint64_t> enum_from_name(FlagTable table, std::string_view name) {
    for (const FlagEntry& e : table)
        if (name == e.name) return e.value;
    return std::nullopt;
}

Value enum_value(FlagTable table, std::uint64_t v, std::string_view unknown, ValueType fallback,
                 ValueType raw_style) {
    if (const char* name = enum_name(table, v)) return Value::symbol(name, v, raw_style);
    Value out = Value::make(fallback, v);
    out.comment = std::string(unknown);
    return out;
}

} // namespace trace
