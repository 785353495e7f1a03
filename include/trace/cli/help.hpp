#pragma once
// The texts of -h/--help and -V/--version.
#include <string>

namespace trace {

std::string help_text();
std::string version_text();

} // namespace trace
