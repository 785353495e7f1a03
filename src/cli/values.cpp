#include "trace/cli/values.hpp"

#include "trace/util/error.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <fmt/format.h>
#include <string>

namespace trace {

std::optional<unsigned long long> parse_uint(std::string_view text, unsigned long long max) {
    std::size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0)
        ++i;
    if (i < text.size() && text[i] == '+') ++i;
    if (i == text.size()) return std::nullopt;
    unsigned long long value = 0;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c < '0' || c > '9') return std::nullopt;
        auto digit = static_cast<unsigned long long>(c - '0');
        if (value > (max - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

std::optional<TimePrecision> parse_time_precision(std::string_view text) {
    if (iequals(text, "s")) return TimePrecision::s;
    if (iequals(text, "ms")) return TimePrecision::ms;
    if (iequals(text, "us")) return TimePrecision::us;
    if (iequals(text, "ns")) return TimePrecision::ns;
    return std::nullopt;
}

namespace {

long long nanos_per_unit(TimePrecision p) {
    switch (p) {
    case TimePrecision::s:
        return 1'000'000'000;
    case TimePrecision::ms:
        return 1'000'000;
    case TimePrecision::us:
        return 1'000;
    case TimePrecision::ns:
        return 1;
    }
    return 1;
}

struct SortKey {
    std::string_view alias;
    std::string_view canonical;
};

// -S and -U names with their aliases; sort keys and columns share them, as in strace.
constexpr std::array<SortKey, 31> kSummaryNames{{
    {"time", "time-percent"},
    {"time_percent", "time-percent"},
    {"time-percent", "time-percent"},
    {"time_total", "total-time"},
    {"time-total", "total-time"},
    {"total_time", "total-time"},
    {"total-time", "total-time"},
    {"min_time", "min-time"},
    {"min-time", "min-time"},
    {"shortest", "min-time"},
    {"time_min", "min-time"},
    {"time-min", "min-time"},
    {"longest", "max-time"},
    {"max_time", "max-time"},
    {"max-time", "max-time"},
    {"time_max", "max-time"},
    {"time-max", "max-time"},
    {"avg_time", "avg-time"},
    {"avg-time", "avg-time"},
    {"time_avg", "avg-time"},
    {"time-avg", "avg-time"},
    {"calls", "calls"},
    {"count", "calls"},
    {"error", "errors"},
    {"errors", "errors"},
    {"name", "name"},
    {"syscall", "name"},
    {"syscall_name", "name"},
    {"syscall-name", "name"},
    {"none", "nothing"},
    {"nothing", "nothing"},
}};

std::optional<std::string_view> summary_name(std::string_view alias) {
    for (const auto& k : kSummaryNames) {
        if (k.alias == alias) return k.canonical;
    }
    return std::nullopt;
}

} // namespace

std::optional<std::chrono::nanoseconds> parse_duration(std::string_view text) {
    const std::string str(text);
    const std::size_t float_len = str.find_first_not_of("eE.-+0123456789");
    const std::size_t int_len = str.find_first_not_of("+0123456789");
    const std::size_t flen = float_len == std::string::npos ? str.size() : float_len;
    const std::size_t ilen = int_len == std::string::npos ? str.size() : int_len;

    // The number is followed by the unit, if any.
    const std::string_view unit = std::string_view(str).substr(flen > ilen ? flen : ilen);
    long long scale = nanos_per_unit(TimePrecision::us);
    if (!unit.empty()) {
        auto p = parse_time_precision(unit);
        if (!p) return std::nullopt;
        scale = nanos_per_unit(*p);
    }

    if (flen > ilen) {
        char* end = nullptr;
        errno = 0;
        const double value = std::strtod(str.c_str(), &end);
        if (end == str.c_str() || errno != 0 || value < 0) return std::nullopt;
        if (static_cast<std::size_t>(end - str.c_str()) != flen) return std::nullopt;
        return std::chrono::nanoseconds(static_cast<long long>(value * static_cast<double>(scale)));
    }
    auto value =
        parse_uint(std::string_view(str).substr(0, ilen), static_cast<unsigned long long>(LLONG_MAX));
    if (!value) return std::nullopt;
    return std::chrono::nanoseconds(static_cast<long long>(*value) * scale);
}

std::vector<std::string_view> split_tokens(std::string_view text, std::string_view delims) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find_first_of(delims, pos);
        if (end == std::string_view::npos) end = text.size();
        if (end > pos) out.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

std::optional<std::string> parse_sort_key(std::string_view text) {
    auto name = summary_name(text);
    if (!name) return std::nullopt;
    // Sorting by the percentage is sorting by the total.
    if (*name == "time-percent" || *name == "total-time") return "time";
    return std::string(*name);
}

std::vector<std::string> parse_summary_columns(std::string_view list) {
    std::vector<std::string> cols;
    std::string_view rest = list;
    while (true) {
        const std::size_t end = std::min(rest.find(','), rest.size());
        const std::string_view token = rest.substr(0, end);
        auto name = summary_name(token);
        if (!name || *name == "nothing") throw UsageError(fmt::format("unknown column name: '{}'", token));
        if (std::find(cols.begin(), cols.end(), *name) != cols.end())
            throw UsageError(fmt::format(
                "call summary column has been provided more than once: '{}' (-U option residual: '{}')",
                token, rest));
        cols.emplace_back(*name);
        if (end == rest.size()) break;
        rest.remove_prefix(end + 1);
    }
    if (std::find(cols.begin(), cols.end(), "name") == cols.end()) cols.emplace_back("name");
    return cols;
}

std::optional<TimestampArg> parse_timestamps_arg(std::string_view arg) {
    TimestampArg out;
    for (auto token : split_tokens(arg, ",")) {
        bool may_be_format = true;
        bool may_be_precision = true;
        if (token.size() >= 7 && iequals(token.substr(0, 7), "format:")) {
            token.remove_prefix(7);
            may_be_precision = false;
        } else if (token.size() >= 10 && iequals(token.substr(0, 10), "precision:")) {
            token.remove_prefix(10);
            may_be_format = false;
        }
        if (may_be_format) {
            if (iequals(token, "none")) {
                out.format = TimestampFormat::none;
                continue;
            }
            if (iequals(token, "time")) {
                out.format = TimestampFormat::time;
                continue;
            }
            if (iequals(token, "unix")) {
                out.format = TimestampFormat::unix_epoch;
                continue;
            }
        }
        if (may_be_precision) {
            if (auto p = parse_time_precision(token)) {
                out.precision = *p;
                continue;
            }
        }
        return std::nullopt;
    }
    return out;
}

} // namespace trace
