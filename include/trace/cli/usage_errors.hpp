#pragma once
// The two ways an option is refused, worded as strace's are.
#include "trace/util/error.hpp"

#include <fmt/format.h>
#include <utility>

namespace trace {

// A usage error followed by "Try 'trace -h'..." (strace's error_msg_and_help).
template <typename... Args> [[noreturn]] void fail(fmt::format_string<Args...> format, Args&&... args) {
    throw UsageError(fmt::format(format, std::forward<Args>(args)...));
}

// A usage error on its own line, without the hint (strace's error_msg_and_die).
template <typename... Args> [[noreturn]] void die(fmt::format_string<Args...> format, Args&&... args) {
    throw UsageError(fmt::format(format, std::forward<Args>(args)...), false);
}

} // namespace trace
