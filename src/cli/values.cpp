#include "trace/cli/values.hpp"

#include <cctype>
#include <cerrno>
#include <cstdlib>
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

} // namespace trace
