#pragma once
// The one escaping routine of strings, shared by the strace and JSON printers. Both write printable ASCII
// as it is and \" \\ \n \t \r \f by name; they differ in the other bytes.
#include <fmt/format.h>
#include <string_view>

namespace trace {

enum class Escaping : std::uint8_t {
    strace,     // \v by name, other bytes in octal: \0, \177, \0001 before a digit
    strace_hex, // -x, -xx: every byte as \xNN
    strace_hex_chars, // --strings-in-hex=non-ascii-chars: escapes by name, other bytes as \xNN
    json,       // \b by name, control bytes as \u00XX, valid UTF-8 kept, other bytes as \u00XX
};

// Appends bytes escaped as how says, without quotes.
void append_escaped(fmt::memory_buffer& out, std::string_view bytes, Escaping how);

} // namespace trace
