#pragma once
// Flag sets and enumerations as data: a table of {value, "NAME"} rows (generated from
// syscalls/flagsets.txt into "trace/decode/flagsets.hpp") and the few functions that render them the way
// strace does. A new flag argument is one table plus one call of flags_value or enum_value.
#include "trace/decode/value.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace trace {

struct FlagEntry {
    std::uint64_t value;
    const char* name;
};

using FlagTable = std::span<const FlagEntry>;

// strace's %#x: "0x1f", and "0" for 0.
std::string hex_text(std::uint64_t v);

// Appends to out, '|'-separated, the names of the entries whose bits are all set in v, in table order;
// each match consumes its bits, so composite values listed first hide their parts. 0-valued entries never
// match. Returns the bits no entry named.
std::uint64_t append_flag_names(std::string& out, FlagTable table, std::uint64_t v);

// strace's text of a flag set: "O_CREAT|O_EXCL", the remainder in hex ("X_OK|0x10"), the 0-valued
// entry's name or "0" for 0, and when nothing is named "0x10 /* unknown */" ("0x10" if unknown is empty).
std::string flags_text(FlagTable table, std::uint64_t v, std::string_view unknown = {});

// The same as a Value: a Symbol when something is named, else a Hex number (with unknown as comment).
Value flags_value(FlagTable table, std::uint64_t v, std::string_view unknown = {});

// The name of the first entry equal to v, or nullptr.
const char* enum_name(FlagTable table, std::uint64_t v);

// The value of a name, or nothing.
std::optional<std::uint64_t> enum_from_name(FlagTable table, std::string_view name);

// An enumeration value: a Symbol (printed raw as raw_style under -X raw), or when the table does not
// name it the number as fallback (Hex, Signed or Unsigned) with unknown as comment ("0xa /* MAP_??? */").
Value enum_value(FlagTable table, std::uint64_t v, std::string_view unknown = {},
                 ValueType fallback = ValueType::Hex, ValueType raw_style = ValueType::Hex);

} // namespace trace
