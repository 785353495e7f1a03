// -V: the version and the optional features built in, in strace -V's shape. trace_version.hpp is
// generated at build time (packaging/version.cmake), so only this file follows a new commit.
#include "trace/cli/help.hpp"

#include "trace_version.hpp"

#include <fmt/format.h>

namespace trace {

std::string version_text() {
    return fmt::format("trace -- version {}\n"
                       "Optional features enabled: {}\n",
                       TRACE_BUILD_VERSION, TRACE_BUILD_FEATURES);
}

} // namespace trace
