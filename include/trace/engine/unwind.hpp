#pragma once
// Stack traces of stopped tracees (-k), with libunwind's remote API. Unlike strace's use of
// libunwind-ptrace, nothing is read one word per ptrace call: registers come from one
// PTRACE_GETREGS, stack memory in page-sized process_vm_readv reads, and code and unwind tables
// from the object files themselves, mapped once and shared by every process. Symbol tables are
// read once per object; memory maps once per process until they change.
#include "trace/events/events.hpp"

#include <cstdint>
#include <memory>
#include <sys/types.h>
#include <vector>

namespace trace {

struct UnwindConfig {
    int max_frames = 256;        // frames per stack; more end with a "too many stack frames" marker
    bool demangle = true;        // C++ names as written in the source
    bool force_peekdata = false; // read tracee memory with PTRACE_PEEKDATA only (tests, old kernels)
};

class Unwinder {
public:
    explicit Unwinder(UnwindConfig config);
    Unwinder(const Unwinder&) = delete;
    Unwinder& operator=(const Unwinder&) = delete;
    ~Unwinder();

    // Walks the stack of thread tid (of process pid), which must be in a ptrace stop. out is
    // replaced, innermost frame first; a stack that cannot be followed to its end stops with an
    // error frame. A thread that vanishes meanwhile gives what was read before.
    void capture(pid_t tid, pid_t pid, std::vector<StackFrame>& out);

    // The mappings of process pid in [addr, addr + len) change (mmap, munmap, mremap, mprotect);
    // executable: the new ones are executable. The map is read again before the next stack when
    // executable code may have moved.
    void mappings_changed(pid_t pid, std::uint64_t addr, std::uint64_t len, bool executable);

    // Process pid ran execve, or is gone: what was known of its memory is forgotten.
    void forget(pid_t pid);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace trace
