#include "trace/decode/flags.hpp"

namespace trace {

std::uint64_t add_flag_names(Value& out, FlagTable table, std::uint64_t v) {
    for (const FlagEntry& e : table) {
        if (e.value == 0 || (v & e.value) != e.value) continue;
        out.push(Value::symbol(e.name, e.value));
        v &= ~e.value;
    }
    return v;
}

Value flags_value(FlagTable table, std::uint64_t v, std::string_view unknown) {
    if (v == 0) {
        if (const char* zero = enum_name(table, 0)) return Value::symbol(zero, 0);
        return Value::hex(0);
    }
    Value names = Value::flags(v);
    const std::uint64_t rest = add_flag_names(names, table, v);
    if (names.fields.empty()) {
        Value out = Value::hex(v);
        if (!unknown.empty()) out.note(Value::name(std::string(unknown)));
        return out;
    }
    if (rest != 0) names.push(Value::hex(rest));
    return names;
}

Value& add_part(Value& flags, Value part) {
    if (part.type != ValueType::Flags) return flags.push(std::move(part));
    for (Field& f : part.fields)
        flags.fields.push_back(std::move(f));
    return flags;
}

Value names_in_raw(Value v) {
    if (v.type == ValueType::Symbol || v.type == ValueType::Flags) v.raw_style = ValueType::Symbol;
    return v;
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
    if (!unknown.empty()) out.note(Value::name(std::string(unknown)));
    return out;
}

} // namespace trace
