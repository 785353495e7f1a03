#pragma once
// A decoded argument as a small typed value. Decoders produce values; printers (strace text, JSON)
// render them. Nothing in a Value is formatted for one output only, except Raw text.
#include <cstdint>
#include <string>
#include <vector>

namespace trace {

enum class ValueType : std::uint8_t {
    Signed,   // num as int64, decimal
    Unsigned, // num as uint64, decimal
    Hex,      // num, 0x...
    Octal,    // num, 0644 (0 prints as 0)
    Address,  // num; 0 prints as NULL
    Fd,       // num as int; -y may annotate it with what the fd is
    Symbol,   // text: symbolic constant(s), e.g. "O_RDONLY|O_CLOEXEC", "AT_FDCWD"; num keeps the raw value
    String,   // text: raw bytes read from the tracee; truncated: more bytes followed (printed "...")
    Struct,   // fields: named members; truncated: abbreviated ("...")
    Array,    // fields: elements (names empty); truncated: more elements followed ("...")
    Raw,      // text printed as it is, e.g. "[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]"
    Unknown,  // not decoded: printed as "?"
};

struct Field;

struct Value {
    ValueType type = ValueType::Unknown;
    bool truncated = false;
    std::uint64_t num = 0;
    std::string text;
    std::vector<Field> fields;
    // Printed verbatim before the value: clone's named arguments ("child_stack="), clone3's " => ".
    std::string prefix;
    // No ", " before this argument: it continues the previous one (clone3's "{...} => {...}"), or its
    // prefix holds the separator (clone's ", child_tidptr=" printed at exit, as strace splits it).
    bool joined = false;
    std::string comment; // printed after the value as " /* comment */"
    ValueType raw_style = ValueType::Hex; // how a Symbol's num prints under -X raw
    bool omitted = false; // an argument strace leaves out (open's mode without O_CREAT): print nothing, no ", "

    // Defined below Field: a body here would need Value's destructor, and so vector<Field>'s, while
    // Field is incomplete (clang rejects that in C++20; the fuzz target is built with clang).
    static Value signed_int(std::int64_t v);
    static Value unsigned_int(std::uint64_t v);
    static Value hex(std::uint64_t v);
    static Value octal(std::uint64_t v);
    static Value address(std::uint64_t v);
    static Value fd(int v);
    static Value symbol(std::string s, std::uint64_t raw);
    // A symbol whose raw number (-X raw) prints as raw_style: Hex, Signed (signals, AT_FDCWD) or Octal (modes).
    static Value symbol(std::string s, std::uint64_t raw, ValueType raw_style);
    static Value string(std::string bytes, bool truncated);
    static Value raw(std::string s);
    static Value unknown();
    static Value omit();
    static Value structure();
    static Value array();
    static Value make(ValueType t, std::uint64_t n = 0, std::string s = {});

    std::int64_t as_signed() const { return static_cast<std::int64_t>(num); }
    Value& add(std::string name, Value v);  // a struct member
    Value& push(Value v);                   // an array element
};

struct Field {
    std::string name;
    Value value;
};

inline Value Value::make(ValueType t, std::uint64_t n, std::string s) {
    Value v;
    v.type = t;
    v.num = n;
    v.text = std::move(s);
    return v;
}
inline Value Value::signed_int(std::int64_t v) { return make(ValueType::Signed, static_cast<std::uint64_t>(v)); }
inline Value Value::unsigned_int(std::uint64_t v) { return make(ValueType::Unsigned, v); }
inline Value Value::hex(std::uint64_t v) { return make(ValueType::Hex, v); }
inline Value Value::octal(std::uint64_t v) { return make(ValueType::Octal, v); }
inline Value Value::address(std::uint64_t v) { return make(ValueType::Address, v); }
inline Value Value::fd(int v) {
    return make(ValueType::Fd, static_cast<std::uint64_t>(static_cast<std::int64_t>(v)));
}
inline Value Value::symbol(std::string s, std::uint64_t raw) { return make(ValueType::Symbol, raw, std::move(s)); }
inline Value Value::symbol(std::string s, std::uint64_t raw, ValueType raw_style) {
    Value v = make(ValueType::Symbol, raw, std::move(s));
    v.raw_style = raw_style;
    return v;
}
inline Value Value::string(std::string bytes, bool truncated) {
    Value v = make(ValueType::String, 0, std::move(bytes));
    v.truncated = truncated;
    return v;
}
inline Value Value::raw(std::string s) { return make(ValueType::Raw, 0, std::move(s)); }
inline Value Value::unknown() { return {}; }
inline Value Value::omit() {
    Value v;
    v.omitted = true;
    return v;
}
inline Value Value::structure() { return make(ValueType::Struct); }
inline Value Value::array() { return make(ValueType::Array); }

inline Value& Value::add(std::string name, Value v) {
    fields.push_back(Field{std::move(name), std::move(v)});
    return *this;
}

inline Value& Value::push(Value v) {
    fields.push_back(Field{{}, std::move(v)});
    return *this;
}

} // namespace trace
