// Whole-call decoders of prctl and arch_prctl: what the arguments mean depends on the option.
#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/resource.hpp"

#include <linux/prctl.h>

namespace trace {

namespace {

constexpr std::size_t kTaskCommLen = 16;
constexpr int kPrctlArgs = 5;
constexpr std::uint64_t kSeccompModeStrict = 1;
constexpr std::uint64_t kSeccompModeFilter = 2;
constexpr std::uint64_t kArchGetFs = 0x1003;
constexpr std::uint64_t kArchGetGs = 0x1004;
constexpr std::uint64_t kArchGetCpuid = 0x1011;

// The remaining arguments from first on, in hex.
void push_hex_args(const DecodeContext& ctx, std::vector<Value>& values, int first) {
    for (int j = first; j < kPrctlArgs; ++j)
        values.push_back(Value::hex(ctx.arg(j)));
}

// An unsigned int the kernel wrote, rendered by render: [SIGTERM], [1].
template <typename F> Value uint_at(const DecodeContext& ctx, std::uint64_t addr, F&& render) {
    if (addr == 0 || ctx.call.failed) return Value::address(addr);
    std::uint32_t n = 0;
    if (!ctx.mem.read_object(addr, n)) return Value::address(addr);
    Value v = Value::array();
    v.push(render(n));
    return v;
}

Value pointer_at(const DecodeContext& ctx, std::uint64_t addr) {
    if (addr == 0 || ctx.call.failed) return Value::address(addr);
    std::uint64_t p = 0;
    if (!ctx.mem.read_object(addr, p)) return Value::address(addr);
    Value v = Value::array();
    v.push(Value::address(p));
    return v;
}

// struct sock_fprog, as strace abbreviates it: {len=7, filter=0x...}.
Value fprog_at(const DecodeContext& ctx, std::uint64_t addr) {
    struct {
        std::uint16_t len;
        std::uint16_t pad[3];
        std::uint64_t filter;
    } prog{};
    if (addr == 0 || !ctx.mem.read_object(addr, prog)) return Value::address(addr);
    Value v = Value::structure();
    v.add("len", Value::unsigned_int(prog.len));
    v.add("filter", Value::address(prog.filter));
    return v;
}

// The part of prctl printed at entry; returns the split (values.size() when nothing waits for exit).
int prctl_entry(const DecodeContext& ctx, std::vector<Value>& values, std::uint32_t option) {
    const std::uint64_t arg2 = ctx.arg(1);
    const auto exit_part = [&values] {
        values.push_back(Value::unknown());
        return 1;
    };
    switch (option) {
    case PR_GET_KEEPCAPS:
    case PR_GET_SECCOMP:
    case PR_GET_TIMERSLACK:
    case PR_GET_TIMING:
    case PR_GET_DUMPABLE:
    case PR_TASK_PERF_EVENTS_DISABLE:
    case PR_TASK_PERF_EVENTS_ENABLE:
        break;
    case PR_GET_CHILD_SUBREAPER:
    case PR_GET_ENDIAN:
    case PR_GET_FPEMU:
    case PR_GET_FPEXC:
    case PR_GET_NAME:
    case PR_GET_PDEATHSIG:
    case PR_GET_TID_ADDRESS:
    case PR_GET_TSC:
    case PR_GET_UNALIGN:
        return exit_part();
    case PR_SET_CHILD_SUBREAPER:
    case PR_SET_ENDIAN:
    case PR_SET_FPEMU:
    case PR_SET_FPEXC:
    case PR_SET_KEEPCAPS:
    case PR_SET_TIMING:
        values.push_back(Value::unsigned_int(arg2));
        break;
    case PR_SET_DUMPABLE:
        values.push_back(enum_value(flagsets::pr_dumpable, arg2, "SUID_DUMP_???"));
        break;
    case PR_CAPBSET_DROP:
    case PR_CAPBSET_READ:
        values.push_back(enum_value(flagsets::capabilities, arg2, "CAP_???"));
        break;
    case PR_CAP_AMBIENT:
        values.push_back(enum_value(flagsets::pr_cap_ambient, arg2, "PR_CAP_AMBIENT_???"));
        if (arg2 == PR_CAP_AMBIENT_RAISE || arg2 == PR_CAP_AMBIENT_LOWER || arg2 == PR_CAP_AMBIENT_IS_SET) {
            values.push_back(enum_value(flagsets::capabilities, ctx.arg(2), "CAP_???"));
            push_hex_args(ctx, values, 3);
        } else {
            push_hex_args(ctx, values, 2);
        }
        break;
    case PR_SET_NAME:
        values.push_back(string_at(ctx.mem, arg2, kTaskCommLen - 1));
        break;
    case PR_SET_MM:
        values.push_back(enum_value(flagsets::pr_set_mm, static_cast<std::uint32_t>(arg2), "PR_SET_MM_???"));
        push_hex_args(ctx, values, 2);
        break;
    case PR_SET_PDEATHSIG:
        values.push_back(arg2 > 128 ? Value::unsigned_int(arg2) : signal_value(static_cast<int>(arg2)));
        break;
    case PR_SET_PTRACER:
        if (static_cast<std::int32_t>(arg2) == -1)
            values.push_back(Value::symbol("PR_SET_PTRACER_ANY", arg2, ValueType::Signed));
        else
            values.push_back(Value::signed_int(static_cast<std::int32_t>(arg2)));
        break;
    case PR_SET_SECCOMP:
        values.push_back(enum_value(flagsets::seccomp_modes, arg2, "SECCOMP_MODE_???"));
        if (arg2 == kSeccompModeFilter)
            values.push_back(fprog_at(ctx, ctx.arg(2)));
        else if (arg2 != kSeccompModeStrict)
            push_hex_args(ctx, values, 2);
        break;
    case PR_SET_TIMERSLACK:
        values.push_back(Value::signed_int(static_cast<std::int64_t>(arg2)));
        break;
    case PR_SET_TSC:
        values.push_back(enum_value(flagsets::pr_tsc, static_cast<std::uint32_t>(arg2), "PR_TSC_???"));
        break;
    case PR_SET_UNALIGN:
        values.push_back(
            flags_value(flagsets::pr_unalign_flags, static_cast<std::uint32_t>(arg2), "PR_UNALIGN_???"));
        break;
    case PR_SET_NO_NEW_PRIVS:
    case PR_SET_THP_DISABLE:
    case PR_SET_IO_FLUSHER:
        values.push_back(Value::unsigned_int(arg2));
        push_hex_args(ctx, values, 2);
        break;
    case PR_SET_VMA:
        if (arg2 == 0) { // PR_SET_VMA_ANON_NAME
            values.push_back(Value::symbol("PR_SET_VMA_ANON_NAME", 0));
            values.push_back(Value::address(ctx.arg(2)));
            values.push_back(Value::unsigned_int(ctx.arg(3)));
            values.push_back(string_at(ctx.mem, ctx.arg(4), ctx.opts.string_limit));
        } else {
            values.push_back(Value::hex(arg2));
            values.back().note(Value::name("PR_SET_VMA_???"));
            push_hex_args(ctx, values, 2);
        }
        break;
    default:
        push_hex_args(ctx, values, 1);
        break;
    }
    return static_cast<int>(values.size());
}

// The output of a PR_GET_* option, at exit.
Value prctl_output(const DecodeContext& ctx, std::uint32_t option) {
    const std::uint64_t arg2 = ctx.arg(1);
    switch (option) {
    case PR_GET_NAME:
        if (ctx.call.failed) return Value::address(arg2);
        return string_at(ctx.mem, arg2, kTaskCommLen);
    case PR_GET_PDEATHSIG:
        return uint_at(ctx, arg2, [](std::uint32_t n) { return signal_value(static_cast<int>(n)); });
    case PR_GET_TID_ADDRESS:
        return pointer_at(ctx, arg2);
    case PR_GET_TSC:
        return uint_at(ctx, arg2,
                       [](std::uint32_t n) { return enum_value(flagsets::pr_tsc, n, "PR_TSC_???"); });
    case PR_GET_UNALIGN:
        return uint_at(ctx, arg2, [](std::uint32_t n) {
            return flags_value(flagsets::pr_unalign_flags, n, "PR_UNALIGN_???");
        });
    default: // PR_GET_CHILD_SUBREAPER, PR_GET_ENDIAN, PR_GET_FPEMU, PR_GET_FPEXC
        return uint_at(ctx, arg2, [](std::uint32_t n) { return Value::unsigned_int(n); });
    }
}

} // namespace

// prctl(PR_SET_NAME, "worker"), prctl(PR_GET_PDEATHSIG, [SIGTERM]), prctl(PR_GET_DUMPABLE) = 1
// (SUID_DUMP_USER), and every other option with its remaining arguments in hex.
int decode_prctl(const DecodeContext& ctx, std::vector<Value>& values) {
    const auto option = static_cast<std::uint32_t>(ctx.arg(0));
    if (!ctx.call.exiting) {
        values.clear();
        values.push_back(enum_value(flagsets::prctl_options, option, "PR_???"));
        return prctl_entry(ctx, values, option);
    }
    if (option == PR_GET_DUMPABLE && !ctx.call.failed && ctx.call.ret_detail != nullptr) {
        if (const char* name = enum_name(flagsets::pr_dumpable, static_cast<std::uint64_t>(ctx.call.ret)))
            *ctx.call.ret_detail = Value::symbol(name, static_cast<std::uint64_t>(ctx.call.ret));
    }
    if (values.size() == 2 && values[1].type == ValueType::Unknown) values[1] = prctl_output(ctx, option);
    return 1;
}

// arch_prctl(ARCH_SET_FS, 0x7f...), arch_prctl(ARCH_GET_FS, [0x7f...]).
int decode_arch_prctl(const DecodeContext& ctx, std::vector<Value>& values) {
    const auto option = static_cast<std::uint32_t>(ctx.arg(0));
    if (!ctx.call.exiting) {
        values.clear();
        values.push_back(enum_value(flagsets::arch_prctl_options, option, "ARCH_???"));
        if (option == kArchGetCpuid) return 1;
        if (option == kArchGetFs || option == kArchGetGs) {
            values.push_back(Value::unknown());
            return 1;
        }
        values.push_back(Value::hex(ctx.arg(1)));
        return 2;
    }
    if (values.size() == 2 && values[1].type == ValueType::Unknown) values[1] = pointer_at(ctx, ctx.arg(1));
    return 1;
}

} // namespace trace
