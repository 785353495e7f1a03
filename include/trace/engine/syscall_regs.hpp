#pragma once
// Reading a stopped thread's syscall number, arguments and result. PTRACE_GET_SYSCALL_INFO where the
// kernel has it; PTRACE_GETREGS where it does not (old kernels, some sandboxes).
#include <array>
#include <cstdint>
#include <memory>
#include <sys/types.h>

namespace trace {

struct SyscallStop {
    enum class Phase : std::uint8_t { entry, exit, none };
    Phase phase = Phase::none;
    long nr = -1;                        // at entry
    std::array<std::uint64_t, 6> args{}; // at entry
    std::int64_t ret = 0;                // at exit
    std::uint64_t ip = 0;                // instruction pointer
    std::uint64_t sp = 0;                // stack pointer (rt_sigreturn's frame is there)
};

class SyscallRegs {
public:
    virtual ~SyscallRegs() = default;
    // Reads the stop of thread tid. expect_entry is the tracer's own entry/exit toggle, which
    // readers that cannot tell the phase use. False when the thread is gone (ESRCH) or unreadable.
    virtual bool read(pid_t tid, bool expect_entry, SyscallStop& out) = 0;
};

// PTRACE_GET_SYSCALL_INFO, or PTRACE_GETREGS when force_getregs is set or the kernel refuses the former.
std::unique_ptr<SyscallRegs> make_syscall_regs(bool force_getregs);

} // namespace trace
