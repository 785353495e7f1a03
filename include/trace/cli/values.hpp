#pragma once
// Small parsers for option values, shared by the option and the expression parsers.
#include "trace/cli/options.hpp"

#include <chrono>
#include <climits>
#include <optional>
#include <string_view>
#include <vector>

namespace trace {

// A decimal number in [0, max], as strace's string_to_uint reads it (leading blanks and '+' allowed).
std::optional<unsigned long long> parse_uint(std::string_view text, unsigned long long max = INT_MAX);

// s, ms, us, ns (any case).
std::optional<TimePrecision> parse_time_precision(std::string_view text);

// A time like -O and delay_enter= take: a number (decimal, or floating point) with an optional unit
// s, ms, us, ns; without a unit, microseconds.
std::optional<std::chrono::nanoseconds> parse_duration(std::string_view text);

// Splits at any of delims, dropping empty pieces (as strtok does).
std::vector<std::string_view> split_tokens(std::string_view text, std::string_view delims);

bool iequals(std::string_view a, std::string_view b);

} // namespace trace
