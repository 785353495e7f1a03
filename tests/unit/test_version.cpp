// trace -V: strace -V's shape, the version of the build, the optional features built in.
#include "trace/cli/help.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("version::-V names the version and the optional features") {
    const std::string text = trace::version_text();
    CHECK(text.rfind("trace -- version ", 0) == 0);
    const std::string first_line = text.substr(0, text.find('\n'));
    const std::string version = first_line.substr(std::string("trace -- version ").size());
    CHECK(!version.empty());
    CHECK(version.find(' ') == std::string::npos);
    CHECK(text.find("\nOptional features enabled: stack-trace=libunwind stack-demangle") !=
          std::string::npos);
    CHECK(text.back() == '\n');
}
