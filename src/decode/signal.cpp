// Decoders of signal sets, sigaction, sigaltstack and siginfo, and the whole-call decoders of
// rt_sigreturn and rt_sigtimedwait.
#include "trace/decode/signal.hpp"

#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/names.hpp"
#include "trace/decode/siginfo.hpp"
#include "trace/decode/time.hpp"

#include <bit>
#include <csignal>
#include <cstddef>
#include <string_view>
#include <ucontext.h>

namespace trace {

namespace {

// struct kernel_sigaction as strace reads it: its sa_mask is sized for glibc's NSIG (65 signals, 8
// longs), so a struct that ends less than 88 bytes before unmapped memory shows as its address.
struct KernelSigaction {
    std::uint64_t handler;
    std::uint64_t flags;
    std::uint64_t restorer;
    std::uint64_t mask[8];
};

constexpr std::uint64_t kSaRestorer = 0x04000000; // the kernel's; libc keeps it to itself

struct KernelStack {
    std::uint64_t sp;
    std::int32_t flags;
    std::uint32_t pad;
    std::uint64_t size;
};

// The sigsetsize of a call is its last size argument (rt_sigprocmask, rt_sigsuspend, signalfd4, ...).
std::uint64_t sigset_size(const DecodeContext& ctx) {
    for (int j = ctx.call.entry->nargs - 1; j >= 0; --j)
        if (ctx.spec(j).kind == ArgKind::size) return ctx.arg(j);
    return kSigsetBytes;
}

Value sa_handler_value(std::uint64_t handler) {
    if (const char* name = enum_name(flagsets::sa_handlers, handler)) return Value::symbol(name, handler);
    return Value::address(handler);
}

Value sigaction_value(const KernelSigaction& sa) {
    Value v = Value::structure();
    v.add("sa_handler", sa_handler_value(sa.handler));
    v.add("sa_mask", sigset_value(sa.mask[0]));
    v.add("sa_flags", flags_value(flagsets::sigact_flags, sa.flags, "SA_???"));
    if ((sa.flags & kSaRestorer) != 0) v.add("sa_restorer", Value::address(sa.restorer));
    return v;
}

} // namespace

Value sigset_value(std::uint64_t mask, std::size_t bytes) {
    const std::size_t words = (std::min(bytes, kSigsetBytes) + 3) / 4;
    const std::size_t bits = words * 32;
    const std::uint64_t all = bits == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
    mask &= all;
    const bool complement = static_cast<std::size_t>(std::popcount(mask)) >= bits * 2 / 3;
    if (complement) mask = ~mask & all;
    Value set = Value::set();
    for (std::size_t bit = 0; bit < bits; ++bit) {
        if ((mask & (std::uint64_t{1} << bit)) == 0) continue;
        set.push(Value::name(signal_name(static_cast<int>(bit) + 1).substr(3)));
    }
    return complement ? Value::prefixed("~", std::move(set)) : set;
}

Value sigset_at(RemoteMemory& mem, std::uint64_t addr, std::uint64_t len, std::uint64_t min_len) {
    if (addr == 0) return Value::address(0);
    if (len < min_len || len > kSigsetBytes) return Value::address(addr);
    std::uint64_t mask = 0;
    const std::size_t n = static_cast<std::size_t>(len);
    if (mem.read(addr, std::as_writable_bytes(std::span(&mask, 1)).first(n)) != n)
        return Value::address(addr);
    return sigset_value(mask, n);
}

Value siginfo_at(RemoteMemory& mem, std::uint64_t addr) {
    if (addr == 0) return Value::address(0);
    siginfo_t si{};
    if (!mem.read_object(addr, si)) return Value::address(addr);
    return siginfo_value(si);
}

Value decode_sigset(const DecodeContext& ctx, int i) {
    // rt_sigpending alone accepts a set shorter than the kernel's.
    const std::uint64_t min_len =
        std::string_view(ctx.call.entry->name) == "rt_sigpending" ? 1 : kSigsetBytes;
    return sigset_at(ctx.mem, ctx.arg(i), sigset_size(ctx), min_len);
}

Value decode_sigaction(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0) return Value::address(0);
    KernelSigaction sa{};
    if (!ctx.mem.read_object(addr, sa)) return Value::address(addr);
    return sigaction_value(sa);
}

Value decode_sigprocmask_how(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::sigprocmask_how, static_cast<std::uint32_t>(ctx.arg(i)), "SIG_???");
}

Value decode_sigaltstack(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0) return Value::address(0);
    KernelStack ss{};
    if (!ctx.mem.read_object(addr, ss)) return Value::address(addr);
    Value v = Value::structure();
    v.add("ss_sp", Value::address(ss.sp));
    v.add("ss_flags",
          flags_value(flagsets::sigaltstack_flags, static_cast<std::uint32_t>(ss.flags), "SS_???"));
    v.add("ss_size", Value::unsigned_int(ss.size));
    return v;
}

Value decode_siginfo(const DecodeContext& ctx, int i) {
    return siginfo_at(ctx.mem, ctx.arg(i));
}

Value decode_signalfd_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::signalfd_flags, static_cast<std::uint32_t>(ctx.arg(i)), "SFD_???");
}

// rt_sigreturn({mask=[]}): the mask the handler's return restores, from the signal frame on the stack.
// The handler's ret popped the frame's return address, so the stack pointer is at the ucontext.
int decode_rt_sigreturn(const DecodeContext& ctx, std::vector<Value>& values) {
    if (ctx.call.exiting) return static_cast<int>(values.size());
    const std::uint64_t addr = ctx.call.sp + offsetof(ucontext_t, uc_sigmask);
    Value frame = Value::structure();
    frame.add("mask", sigset_at(ctx.mem, addr, kSigsetBytes));
    values.push_back(std::move(frame));
    return 1;
}

// rt_sigtimedwait(set, info, timeout, sigsetsize): info is shown at exit and the timeout after it, so
// a call with an info pointer is split after the set; one without is whole at entry. The return
// value is followed by the signal's name.
int decode_rt_sigtimedwait(const DecodeContext& ctx, std::vector<Value>& values) {
    const std::uint64_t info = ctx.arg(1);
    if (!ctx.call.exiting) {
        values.clear();
        const bool deref = ctx.deref(); // else addresses, as strace for a call left out of -e verbose=
        values.push_back(deref ? sigset_at(ctx.mem, ctx.arg(0), ctx.arg(3)) : Value::address(ctx.arg(0)));
        values.push_back(info == 0 ? Value::address(0) : Value::unknown());
        values.push_back(deref ? timespec_at(ctx.mem, ctx.arg(2)) : Value::address(ctx.arg(2)));
        values.push_back(Value::unsigned_int(ctx.arg(3)));
        return info == 0 ? 4 : 1;
    }
    if (values.size() != 4) return static_cast<int>(values.size());
    if (info != 0)
        values[1] = ctx.call.failed || !ctx.deref() ? Value::address(info) : siginfo_at(ctx.mem, info);
    const std::int64_t sig = ctx.call.ret;
    if (!ctx.call.failed && sig > 0 && sig <= kMaxSignal && ctx.call.ret_detail != nullptr)
        *ctx.call.ret_detail = signal_value(static_cast<int>(sig));
    return 1;
}

} // namespace trace
