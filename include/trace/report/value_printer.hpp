#pragma once
// Renders decoded Values as strace prints them.
#include "trace/decode/value.hpp"

#include <cstddef>
#include <cstdint>
#include <fmt/format.h>
#include <span>
#include <string>

namespace trace {

// -x, -xx; non_ascii_chars: only the unprintable bytes as \xNN (--strings-in-hex=non-ascii-chars)
enum class XMode : std::uint8_t { none, non_ascii, all, non_ascii_chars };

struct PrintOptions {
    XMode xmode = XMode::none;
    std::size_t string_limit = 32;  // -s
    bool raw_constants = false;     // -X raw: symbols print as their number (in hex)
    bool verbose_constants = false; // -X verbose: the number, then the symbol as a comment
};

// Appends the strace text of v to out: 3, NULL, 0x7ffd..., "abc\n"..., O_RDONLY|O_CLOEXEC,
// {st_mode=S_IFREG|0644, ...}, ["ls", "-l"], with " /* comment */" when v has one.
void print_value(fmt::memory_buffer& out, const Value& v, const PrintOptions& opts);

// strace's quoting of a byte string: "..." with \n, \t, \", \\, \ooo octal escapes (or \xNN for -x/-xx),
// followed by ... when truncated.
void print_quoted(fmt::memory_buffer& out, std::string_view bytes, bool truncated, const PrintOptions& opts);

// Appends call arguments as strace separates them: ", " between them (and before the first when separate),
// nothing for an omitted one, none before one that continues the previous (clone3's " => {...}").
// Returns whether any was printed.
bool print_arguments(fmt::memory_buffer& out, std::span<const Value> values, const PrintOptions& opts,
                     bool separate = false);

// What follows a return value: " (Timeout)", " ([{fd=3, revents=POLLIN}])", " (in [3], left {...})": a
// Struct's members as "name value" (the value alone for an empty name); nothing for Unknown.
void print_ret_detail(fmt::memory_buffer& out, const Value& detail, const PrintOptions& opts);

// strace's date of a time (the local zone): 2026-11-29T03:44:51+0000, with a fraction of digits digits
// when frac is not 0: 2026-11-29T03:44:51.123456789+0000. Empty when the time has no date.
std::string date_text(std::int64_t sec, std::uint64_t frac = 0, int digits = 0);

} // namespace trace
