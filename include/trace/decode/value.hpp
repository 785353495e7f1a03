#pragma once
// A decoded argument as a small typed value. Decoders produce values; printers (strace text, JSON)
// render them. A Value holds no text made for one output: numbers keep their base and width, names
// keep their raw number, composites (flag sets, calls like htons(80), before => after) keep their parts.
#include <cstdint>
#include <string>
#include <vector>

namespace trace {

enum class ValueType : std::uint8_t {
    Signed,     // num as int64, decimal
    Unsigned,   // num as uint64, decimal
    Hex,        // num, 0x...
    Octal,      // num, 0644 (0 prints as 0)
    Address,    // num; 0 prints as NULL
    Fd,         // num as int; -y may annotate it with what the fd is
    Symbol,     // text: symbolic constant(s), e.g. "O_RDONLY|O_CLOEXEC", "AT_FDCWD"; num keeps the raw value
    String,     // text: raw bytes read from the tracee; truncated: more bytes followed (printed "...")
    Struct,     // fields: named members; truncated: abbreviated ("...")
    Array,      // fields: elements (names empty); truncated: more elements followed ("...")
    Raw,        // text printed as it is (being retired: every decoder is to make one of the others)
    Unknown,    // not decoded: printed as "?"
    Flags,      // fields: the parts of a flag set (names, a leftover Hex, a Call...); num: the raw value
    Call,       // text: a function (a macro); fields: its arguments: htons(80), makedev(0x1, 0x3)
    Operation,  // text: an operator; fields: its two operands: 1<<CAP_KILL, 4*1024, 0x3<<12
    Changed,    // fields: the value before the call and after it: 16 => 28
    MoreAt,     // num: where an array ran into unreadable memory ("... /* 0x7ffd1000 */")
    Date,       // num: seconds since the epoch (signed); fields: {"frac", fraction with width digits}
    Count,      // num: how many; text: of what ("entries"); truncated: at least that many ("2+ entries")
    HexDigits,  // num in hex digits without "0x", zero-padded to width (netlink groups: 00000000)
    WaitStatus, // num: a wait(2) status; fields: what it says ({"exited", 0}, {"signaled", SIGKILL}...)
    Set,        // fields: the members of a bit set (fds, CPUs): [0 3]; truncated: more followed
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
    // Annotations: what strace prints after the value in a comment ("O_???", a date, "3 entries").
    std::vector<Value> notes;
    std::uint8_t width = 0; // numbers: the minimum of digits (Octal: strace's %#03o with 3), zero-padded
    // A String's raw_style HexDigits: its bytes always in \x escapes (getrandom's); Symbol: never (literal).
    // How a Symbol's, a Flags', a Call's or an Operation's num prints under -X raw and -X verbose: Hex,
    // Signed, Unsigned or Octal; Symbol when it has no number and prints as it is (Value::name).
    ValueType raw_style = ValueType::Hex;
    bool omitted =
        false; // an argument strace leaves out (open's mode without O_CREAT): print nothing, no ", "

    // Defined below Field: a body here would need Value's destructor, and so vector<Field>'s, while
    // Field is incomplete (clang rejects that in C++20; the fuzz target is built with clang).
    static Value signed_int(std::int64_t v);
    static Value unsigned_int(std::uint64_t v);
    static Value hex(std::uint64_t v);
    static Value octal(std::uint64_t v);
    static Value address(std::uint64_t v);
    static Value fd(int v);
    static Value symbol(std::string s, std::uint64_t raw);
    // A symbol whose raw number (-X raw) prints as raw_style: Hex, Signed (signals, AT_FDCWD) or Octal
    // (modes).
    static Value symbol(std::string s, std::uint64_t raw, ValueType raw_style);
    static Value string(std::string bytes, bool truncated);
    static Value raw(std::string s);
    // Text quoted as C quotes it but never in hex under -x: an address in inet_addr("127.0.0.1").
    static Value literal(std::string s);
    static Value flags(std::uint64_t raw); // add the parts with push
    static Value call(std::string name);   // add the arguments with push
    static Value operation(Value lhs, std::string op, Value rhs);
    static Value prefixed(std::string op, Value operand); // an Operation of one operand: @"name"
    static Value changed(Value before, Value after);
    static Value more_at(std::uint64_t addr);
    static Value date(std::int64_t sec, std::uint64_t frac = 0, std::uint8_t digits = 0);
    static Value count(std::uint64_t n, std::string what, bool at_least = false);
    static Value hex_digits(std::uint64_t v, std::uint8_t width);
    static Value name(std::string s); // a symbolic name with no number: "unterminated", "&sin6_addr"
    static Value unknown();
    static Value omit();
    static Value structure();
    static Value array();
    static Value set();
    static Value make(ValueType t, std::uint64_t n = 0, std::string s = {});

    std::int64_t as_signed() const { return static_cast<std::int64_t>(num); }
    Value& add(std::string name, Value v); // a struct member
    Value& push(Value v);                  // an array element
    Value& note(Value v);                  // an annotation
    // The raw number a Call or an Operation stands for (-X raw prints it): htons(80) is 0x5000.
    Value& with_raw(std::uint64_t n, ValueType style = ValueType::Hex) {
        num = n;
        raw_style = style;
        return *this;
    }
    Value& with_width(std::uint8_t w) {
        width = w;
        return *this;
    }
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
inline Value Value::signed_int(std::int64_t v) {
    return make(ValueType::Signed, static_cast<std::uint64_t>(v));
}
inline Value Value::unsigned_int(std::uint64_t v) {
    return make(ValueType::Unsigned, v);
}
inline Value Value::hex(std::uint64_t v) {
    return make(ValueType::Hex, v);
}
inline Value Value::octal(std::uint64_t v) {
    return make(ValueType::Octal, v);
}
inline Value Value::address(std::uint64_t v) {
    return make(ValueType::Address, v);
}
inline Value Value::fd(int v) {
    return make(ValueType::Fd, static_cast<std::uint64_t>(static_cast<std::int64_t>(v)));
}
inline Value Value::symbol(std::string s, std::uint64_t raw) {
    return make(ValueType::Symbol, raw, std::move(s));
}
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
inline Value Value::raw(std::string s) {
    return make(ValueType::Raw, 0, std::move(s));
}
inline Value Value::unknown() {
    return {};
}
inline Value Value::literal(std::string s) {
    Value v = make(ValueType::String, 0, std::move(s));
    v.raw_style = ValueType::Symbol;
    return v;
}
inline Value Value::flags(std::uint64_t raw) {
    return make(ValueType::Flags, raw);
}
inline Value Value::call(std::string name) {
    Value v = make(ValueType::Call, 0, std::move(name));
    v.raw_style = ValueType::Symbol;
    return v;
}
inline Value Value::operation(Value lhs, std::string op, Value rhs) {
    Value v = make(ValueType::Operation, 0, std::move(op));
    v.raw_style = ValueType::Symbol;
    v.push(std::move(lhs));
    v.push(std::move(rhs));
    return v;
}
inline Value Value::prefixed(std::string op, Value operand) {
    Value v = make(ValueType::Operation, 0, std::move(op));
    v.raw_style = ValueType::Symbol;
    v.push(std::move(operand));
    return v;
}
inline Value Value::changed(Value before, Value after) {
    Value v = make(ValueType::Changed);
    v.push(std::move(before));
    v.push(std::move(after));
    return v;
}
inline Value Value::more_at(std::uint64_t addr) {
    return make(ValueType::MoreAt, addr);
}
inline Value Value::date(std::int64_t sec, std::uint64_t frac, std::uint8_t digits) {
    Value v = make(ValueType::Date, static_cast<std::uint64_t>(sec));
    v.add("frac", unsigned_int(frac).with_width(digits));
    return v;
}
inline Value Value::count(std::uint64_t n, std::string what, bool at_least) {
    Value v = make(ValueType::Count, n, std::move(what));
    v.truncated = at_least;
    return v;
}
inline Value Value::hex_digits(std::uint64_t v, std::uint8_t width) {
    return make(ValueType::HexDigits, v).with_width(width);
}
inline Value Value::name(std::string s) {
    Value v = make(ValueType::Symbol, 0, std::move(s));
    v.raw_style = ValueType::Symbol;
    return v;
}
inline Value Value::omit() {
    Value v;
    v.omitted = true;
    return v;
}
inline Value Value::structure() {
    return make(ValueType::Struct);
}
inline Value Value::array() {
    return make(ValueType::Array);
}
inline Value Value::set() {
    return make(ValueType::Set);
}

inline Value& Value::add(std::string name, Value v) {
    fields.push_back(Field{std::move(name), std::move(v)});
    return *this;
}

inline Value& Value::push(Value v) {
    fields.push_back(Field{{}, std::move(v)});
    return *this;
}

inline Value& Value::note(Value v) {
    notes.push_back(std::move(v));
    return *this;
}

} // namespace trace
