// The siginfo of a delivered signal, with the fields strace prints for each si_code family.
#include "trace/decode/siginfo.hpp"

#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/names.hpp"
#include "trace/syscalls/table.hpp"

#include <cstdint>
#include <linux/audit.h>

namespace trace {

namespace {

std::uint64_t sign_extend(std::int64_t v) {
    return static_cast<std::uint64_t>(v);
}

Value pointer_value(const void* p) {
    return Value::address(reinterpret_cast<std::uintptr_t>(p));
}

// The codes a signal sent by the kernel may carry, by signal.
FlagTable kernel_codes(int signo) {
    switch (signo) {
    case SIGILL:
        return flagsets::sigill_codes;
    case SIGFPE:
        return flagsets::sigfpe_codes;
    case SIGSEGV:
        return flagsets::sigsegv_codes;
    case SIGBUS:
        return flagsets::sigbus_codes;
    case SIGTRAP:
        return flagsets::sigtrap_codes;
    case SIGCHLD:
        return flagsets::sigchld_codes;
    case SIGIO:
        return flagsets::sigpoll_codes;
    case SIGSYS:
        return flagsets::sigsys_codes;
    default:
        return {};
    }
}

Value si_code_value(int code, int signo) {
    const std::uint64_t raw = sign_extend(code);
    const char* name = enum_name(flagsets::si_codes, raw);
    if (name == nullptr) name = enum_name(kernel_codes(signo), raw);
    if (name != nullptr) return Value::symbol(name, raw);
    return Value::hex(static_cast<std::uint32_t>(code));
}

Value errno_value(int err) {
    if (const char* name = errno_name(err)) return Value::symbol(name, sign_extend(err), ValueType::Signed);
    return Value::signed_int(err);
}

Value syscall_value(int nr, std::uint32_t arch) {
    if (arch == AUDIT_ARCH_X86_64) {
        if (const SyscallEntry* entry = find_syscall(nr))
            return Value::symbol(std::string("__NR_") + entry->name, sign_extend(nr), ValueType::Signed);
    }
    return Value::signed_int(nr);
}

void add_source(Value& v, const siginfo_t& si) {
    v.add("si_pid", Value::signed_int(si.si_pid));
    v.add("si_uid", Value::unsigned_int(si.si_uid));
}

void add_sigval(Value& v, const siginfo_t& si) {
    v.add("si_int", Value::signed_int(si.si_int));
    v.add("si_ptr", pointer_value(si.si_ptr));
}

void add_poll(Value& v, const siginfo_t& si) {
    v.add("si_band", Value::signed_int(si.si_band));
    v.add("si_fd", Value::fd(si.si_fd));
}

// si_code <= 0: sent by a process (kill, sigqueue, tgkill) or by timers and async I/O on its behalf.
void add_user_fields(Value& v, const siginfo_t& si) {
    switch (si.si_code) {
    case SI_USER:
    case SI_TKILL:
        add_source(v, si);
        break;
    case SI_TIMER:
        v.add("si_timerid", Value::hex(static_cast<std::uint32_t>(si.si_timerid)));
        v.add("si_overrun", Value::signed_int(si.si_overrun));
        add_sigval(v, si);
        break;
    case SI_SIGIO:
        add_poll(v, si);
        break;
    default:
        add_source(v, si);
        if (si.si_ptr != nullptr) add_sigval(v, si);
        break;
    }
}

// si_code > 0: sent by the kernel; the fields depend on the signal.
void add_kernel_fields(Value& v, const siginfo_t& si) {
    switch (si.si_signo) {
    case SIGCHLD:
        add_source(v, si);
        v.add("si_status",
              si.si_code == CLD_EXITED ? Value::signed_int(si.si_status) : signal_value(si.si_status));
        v.add("si_utime", Value::signed_int(si.si_utime));
        v.add("si_stime", Value::signed_int(si.si_stime));
        break;
    case SIGILL:
    case SIGFPE:
    case SIGTRAP:
        v.add("si_addr", pointer_value(si.si_addr));
        break;
    case SIGBUS:
        v.add("si_addr", pointer_value(si.si_addr));
        if (si.si_code == BUS_MCEERR_AR || si.si_code == BUS_MCEERR_AO)
            v.add("si_addr_lsb", Value::hex(static_cast<std::uint16_t>(si.si_addr_lsb)));
        break;
    case SIGSEGV:
        v.add("si_addr", pointer_value(si.si_addr));
        if (si.si_code == SEGV_BNDERR) {
            v.add("si_lower", pointer_value(si.si_lower));
            v.add("si_upper", pointer_value(si.si_upper));
        } else if (si.si_code == SEGV_PKUERR) {
            v.add("si_pkey", Value::unsigned_int(si.si_pkey));
        }
        break;
    case SIGIO:
        if (si.si_code >= POLL_IN && si.si_code <= POLL_HUP) add_poll(v, si);
        break;
    case SIGSYS:
        v.add("si_call_addr", pointer_value(si.si_call_addr));
        v.add("si_syscall", syscall_value(si.si_syscall, si.si_arch));
        v.add("si_arch", enum_value(flagsets::audit_arch, si.si_arch, "AUDIT_ARCH_???"));
        break;
    default:
        if (si.si_pid != 0 || si.si_uid != 0) add_source(v, si);
        if (si.si_ptr != nullptr) add_sigval(v, si);
        break;
    }
}

} // namespace

Value siginfo_value(const siginfo_t& si) {
    Value v = Value::structure();
    if (si.si_signo == 0) return v;
    v.add("si_signo", signal_value(si.si_signo));
    v.add("si_code", si_code_value(si.si_code, si.si_signo));
    if (si.si_errno != 0) v.add("si_errno", errno_value(si.si_errno));
    if (si.si_code <= 0)
        add_user_fields(v, si);
    else
        add_kernel_fields(v, si);
    return v;
}

} // namespace trace
