#pragma once
// ptrace(2) with integer arguments, as the tracer passes addresses and data.
#include <cstdint>
#include <sys/ptrace.h>
#include <sys/types.h>

namespace trace {

inline long ptrace_req(int request, pid_t tid, std::uintptr_t addr = 0, std::uintptr_t data = 0) {
    return ptrace(static_cast<__ptrace_request>(request), tid, reinterpret_cast<void*>(addr),
                  reinterpret_cast<void*>(data));
}

} // namespace trace
