#pragma once
// Small parsers for option values, shared by the option and the expression parsers.
#include "trace/cli/options.hpp"

#include <chrono>
#include <climits>
#include <optional>
#include <string>
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

// -S: a sort key or one of its aliases, as "time", "min-time", "max-time", "avg-time", "calls",
// "errors", "name" or "nothing"; nullopt when unknown.
std::optional<std::string> parse_sort_key(std::string_view text);

// -U: comma-separated column names, as "time-percent", "total-time", "min-time", "max-time",
// "avg-time", "calls", "errors", "name"; "name" is added when missing. Throws UsageError.
std::vector<std::string> parse_summary_columns(std::string_view list);

// --absolute-timestamps=[[format:]none|time|unix][,[precision:]s|ms|us|ns] (tokens in any order);
// nullopt when malformed.
struct TimestampArg {
    std::optional<TimestampFormat> format;
    std::optional<TimePrecision> precision;
};
std::optional<TimestampArg> parse_timestamps_arg(std::string_view arg);

} // namespace trace
