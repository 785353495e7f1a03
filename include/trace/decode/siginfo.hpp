#pragma once
// The siginfo shown in "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, ...} ---".
#include "trace/decode/value.hpp"

#include <csignal>

namespace trace {

Value siginfo_value(const siginfo_t& si);

} // namespace trace
