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

// Adds to out (a Flags value) the names of the entries whose bits are all set in v, in table order; each
// match consumes its bits, so composite values listed first hide their parts. 0-valued entries never
// match. Returns the bits no entry named.
std::uint64_t add_flag_names(Value& out, FlagTable table, std::uint64_t v);

// A flag set: Flags of the names ("O_CREAT|O_EXCL") and the remainder in hex ("X_OK|0x10"); the 0-valued
// entry's name or 0 for 0; when nothing is named the number in hex, with unknown as a note.
Value flags_value(FlagTable table, std::uint64_t v, std::string_view unknown = {});

// Appends part to a Flags value (a Flags part adds its parts); returns flags.
Value& add_part(Value& flags, Value part);

// v (a Symbol or Flags) printing its names under -X raw too, as strace prints some details.
Value names_in_raw(Value v);

// The name of the first entry equal to v, or nullptr.
const char* enum_name(FlagTable table, std::uint64_t v);

// The value of a name, or nothing.
std::optional<std::uint64_t> enum_from_name(FlagTable table, std::string_view name);

// An enumeration value: a Symbol (printed raw as raw_style under -X raw), or when the table does not
// name it the number as fallback (Hex, Signed or Unsigned) with unknown as comment ("0xa /* MAP_??? */").
Value enum_value(FlagTable table, std::uint64_t v, std::string_view unknown = {},
                 ValueType fallback = ValueType::Hex, ValueType raw_style = ValueType::Hex);

} // namespace trace
