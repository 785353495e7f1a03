#include "trace/engine/syscall_regs.hpp"

#include <cerrno>
#include <sys/ptrace.h>
#include <sys/user.h>

namespace trace {
namespace {

bool read_with_getregs(pid_t tid, bool expect_entry, SyscallStop& out) {
    user_regs_struct regs{};
    if (ptrace(PTRACE_GETREGS, tid, nullptr, &regs) != 0) return false;
    out.ip = regs.rip;
    out.sp = regs.rsp;
    if (expect_entry) {
        out.phase = SyscallStop::Phase::entry;
        out.nr = static_cast<long>(regs.orig_rax);
        out.args = {regs.rdi, regs.rsi, regs.rdx, regs.r10, regs.r8, regs.r9};
    } else {
        out.phase = SyscallStop::Phase::exit;
        out.ret = static_cast<std::int64_t>(regs.rax);
    }
    return true;
}

class GetRegs final : public SyscallRegs {
public:
    bool read(pid_t tid, bool expect_entry, SyscallStop& out) override {
        return read_with_getregs(tid, expect_entry, out);
    }
};

class GetSyscallInfo final : public SyscallRegs {
public:
    bool read(pid_t tid, bool expect_entry, SyscallStop& out) override {
        if (m_unsupported) return read_with_getregs(tid, expect_entry, out);
        __ptrace_syscall_info info{};
        const long n = ptrace(static_cast<__ptrace_request>(PTRACE_GET_SYSCALL_INFO), tid,
                              reinterpret_cast<void*>(sizeof info), &info);
        if (n <= 0) {
            if (errno == EIO || errno == EINVAL) { // not in this kernel or sandbox
                m_unsupported = true;
                return read_with_getregs(tid, expect_entry, out);
            }
            return false;
        }
        out.ip = info.instruction_pointer;
        out.sp = info.stack_pointer;
        switch (info.op) {
        case PTRACE_SYSCALL_INFO_ENTRY:
            out.phase = SyscallStop::Phase::entry;
            out.nr = static_cast<long>(info.entry.nr);
            for (std::size_t i = 0; i < 6; ++i) out.args[i] = info.entry.args[i];
            return true;
        case PTRACE_SYSCALL_INFO_EXIT:
            out.phase = SyscallStop::Phase::exit;
            out.ret = info.exit.rval;
            return true;
        case PTRACE_SYSCALL_INFO_SECCOMP: // a SECCOMP_RET_TRACE stop is the entry of a traced call
            out.phase = SyscallStop::Phase::entry;
            out.nr = static_cast<long>(info.seccomp.nr);
            for (std::size_t i = 0; i < 6; ++i) out.args[i] = info.seccomp.args[i];
            return true;
        default:
            out.phase = SyscallStop::Phase::none;
            return true;
        }
    }

private:
    bool m_unsupported = false;
};

} // namespace

std::unique_ptr<SyscallRegs> make_syscall_regs(bool force_getregs) {
    if (force_getregs) return std::make_unique<GetRegs>();
    return std::make_unique<GetSyscallInfo>();
}

} // namespace trace
