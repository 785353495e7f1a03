// Decoders of clone, clone3, wait4 and waitid.
#include "trace/decode/process.hpp"

#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/names.hpp"
#include "trace/decode/time.hpp"

#include <climits>
#include <cstddef>
#include <linux/sched.h>
#include <sys/resource.h>

namespace trace {

namespace {

constexpr std::uint64_t kCloneSignalMask = 0xff; // CSIGNAL
constexpr unsigned kCoreFlag = 0x80;             // WCOREFLAG
constexpr unsigned kContinued = 0xffff;          // __W_CONTINUED
constexpr std::uint64_t kClonePointerFlags =
    CLONE_PARENT_SETTID | CLONE_PIDFD | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_SETTLS;

// struct clone_args as of Linux 5.7 (88 bytes); the kernel needs at least the fields up to tls.
struct CloneArgs {
    std::uint64_t flags;
    std::uint64_t pidfd;
    std::uint64_t child_tid;
    std::uint64_t parent_tid;
    std::uint64_t exit_signal;
    std::uint64_t stack;
    std::uint64_t stack_size;
    std::uint64_t tls;
    std::uint64_t set_tid;
    std::uint64_t set_tid_size;
    std::uint64_t cgroup;
};
constexpr std::size_t kCloneArgsMin = offsetof(CloneArgs, set_tid);
constexpr std::uint64_t kMaxSetTid = 32;

Value named(std::string name, Value v) {
    v.prefix = std::move(name) + "=";
    return v;
}

// A signal by name, or its number; the name prints in -X raw too (strace's sprintsigname).
Value signal_text(int sig) {
    return sig > 0 && sig <= kMaxSignal ? Value::name(signal_name(sig)) : Value::signed_int(sig);
}

Value clone3_args_value(RemoteMemory& mem, const CloneArgs& a, std::size_t fetched) {
    Value v = Value::structure();
    v.add("flags", clone_flags_value(a.flags, true));
    if ((a.flags & CLONE_PIDFD) != 0) v.add("pidfd", Value::address(a.pidfd));
    if ((a.flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) != 0)
        v.add("child_tid", Value::address(a.child_tid));
    if ((a.flags & CLONE_PARENT_SETTID) != 0) v.add("parent_tid", Value::address(a.parent_tid));
    if (a.exit_signal < INT_MAX)
        v.add("exit_signal", signal_value(static_cast<int>(a.exit_signal)));
    else
        v.add("exit_signal", Value::unsigned_int(a.exit_signal));
    v.add("stack", Value::address(a.stack));
    v.add("stack_size", Value::hex(a.stack_size));
    if ((a.flags & CLONE_SETTLS) != 0) v.add("tls", Value::address(a.tls));
    if (a.set_tid != 0 || a.set_tid_size != 0) {
        std::int32_t tids[kMaxSetTid] = {};
        const std::size_t bytes = static_cast<std::size_t>(a.set_tid_size) * sizeof(std::int32_t);
        if (a.set_tid == 0 || a.set_tid_size == 0 || a.set_tid_size > kMaxSetTid ||
            mem.read(a.set_tid, std::as_writable_bytes(std::span(tids)).first(bytes)) != bytes) {
            v.add("set_tid", Value::address(a.set_tid));
        } else {
            Value arr = Value::array();
            for (std::uint64_t i = 0; i < a.set_tid_size; ++i)
                arr.push(Value::signed_int(tids[i]));
            v.add("set_tid", std::move(arr));
        }
        v.add("set_tid_size", Value::unsigned_int(a.set_tid_size));
    }
    if (fetched > offsetof(CloneArgs, cgroup) && (a.cgroup != 0 || (a.flags & CLONE_INTO_CGROUP) != 0))
        v.add("cgroup", Value::unsigned_int(a.cgroup));
    return v;
}

} // namespace

Value wait_status_value(int status) {
    Value v = Value::make(ValueType::WaitStatus, static_cast<std::uint32_t>(status));
    unsigned rest = static_cast<unsigned>(status);
    if (WIFSTOPPED(status)) {
        const int sig = WSTOPSIG(status);
        v.add("stopped", signal_text(sig & 0x7f));
        if ((sig & 0x80) != 0) v.add("syscall_stop", Value::hex(0x80));
        rest &= ~(static_cast<unsigned>(sig) << 8 | 0x7fu);
    } else if (WIFSIGNALED(status)) {
        v.add("signaled", signal_text(WTERMSIG(status)));
        if ((static_cast<unsigned>(status) & kCoreFlag) != 0) v.add("core_dumped", Value::unsigned_int(1));
        rest &= ~(static_cast<unsigned>(WTERMSIG(status)) | kCoreFlag);
    } else if (WIFEXITED(status)) {
        v.add("exited", Value::signed_int(WEXITSTATUS(status)));
        rest &= ~(static_cast<unsigned>(WEXITSTATUS(status)) << 8);
    } else if (WIFCONTINUED(status)) {
        v.add("continued", Value::unsigned_int(1));
        rest &= ~kContinued;
    } else {
        v.add("rest", Value::hex(static_cast<unsigned>(status)));
        return v;
    }
    if (const unsigned event = rest >> 16; event != 0) {
        const char* name = enum_name(flagsets::ptrace_events, event);
        Value e = name != nullptr ? Value::name(name) : Value::hex(event);
        if (name == nullptr) e.note(Value::name("PTRACE_EVENT_???"));
        v.add("event", std::move(e));
        rest &= 0xffff;
    }
    if (rest != 0) v.add("rest", Value::hex(rest));
    return v;
}

Value clone_flags_value(std::uint64_t flags, bool clone3) {
    Value v = Value::flags(flags);
    std::uint64_t rest = add_flag_names(v, flagsets::clone_flags, flags);
    if (clone3) rest = add_flag_names(v, flagsets::clone3_flags, rest);
    if (flags == 0) return Value::hex(0);
    if (v.fields.empty()) {
        Value unnamed = Value::hex(flags);
        unnamed.note(Value::name("CLONE_???"));
        return unnamed;
    }
    if (rest != 0) v.push(Value::hex(rest));
    return v;
}

Value decode_wait_status(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (!ctx.call.exiting || ctx.call.ret == 0 || addr == 0) return Value::address(addr);
    std::int32_t status = 0;
    if (!ctx.mem.read_object(addr, status)) return Value::address(addr);
    return wait_status_value(status);
}

Value decode_wait_options(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::wait_options, static_cast<std::uint32_t>(ctx.arg(i)), "W???");
}

Value decode_rusage(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0) return Value::address(0);
    rusage ru{};
    if (!ctx.mem.read_object(addr, ru)) return Value::address(addr);
    Value v = Value::structure();
    v.add("ru_utime", timeval_value(ru.ru_utime));
    v.add("ru_stime", timeval_value(ru.ru_stime));
    if (ctx.abbrev()) {
        v.truncated = true;
        return v;
    }
    const std::pair<const char*, long> rest[] = {
        {"ru_maxrss", ru.ru_maxrss}, {"ru_ixrss", ru.ru_ixrss},     {"ru_idrss", ru.ru_idrss},
        {"ru_isrss", ru.ru_isrss},   {"ru_minflt", ru.ru_minflt},   {"ru_majflt", ru.ru_majflt},
        {"ru_nswap", ru.ru_nswap},   {"ru_inblock", ru.ru_inblock}, {"ru_oublock", ru.ru_oublock},
        {"ru_msgsnd", ru.ru_msgsnd}, {"ru_msgrcv", ru.ru_msgrcv},   {"ru_nsignals", ru.ru_nsignals},
        {"ru_nvcsw", ru.ru_nvcsw},   {"ru_nivcsw", ru.ru_nivcsw},
    };
    for (const auto& [name, value] : rest)
        v.add(name, Value::unsigned_int(static_cast<std::uint64_t>(value)));
    return v;
}

Value decode_wait_rusage(const DecodeContext& ctx, int i) {
    if (!ctx.call.exiting || ctx.call.ret <= 0) return Value::address(ctx.arg(i));
    return decode_rusage(ctx, i);
}

Value decode_rusage_who(const DecodeContext& ctx, int i) {
    const auto who = static_cast<std::int32_t>(static_cast<std::uint32_t>(ctx.arg(i)));
    return enum_value(flagsets::rusage_who, static_cast<std::uint64_t>(std::int64_t{who}), "RUSAGE_???",
                      ValueType::Signed, ValueType::Signed);
}

Value decode_waitid_which(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::waitid_which, static_cast<std::uint32_t>(ctx.arg(i)), "P_???");
}

// unshare's own set: CLONE_IO, CLONE_PTRACE and the like are unknown bits to it.
Value decode_unshare_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::unshare_flags, ctx.arg(i), "CLONE_???");
}

// clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x...): the
// pointers the flags use are shown at exit, with strace's split: the ", " goes with the exit part.
int decode_clone(const DecodeContext& ctx, std::vector<Value>& values) {
    const std::uint64_t raw = ctx.arg(0);
    const std::uint64_t flags = raw & ~kCloneSignalMask;
    if (!ctx.call.exiting) {
        values.clear();
        values.push_back(named("child_stack", Value::address(ctx.arg(1))));
        const int sig = static_cast<int>(raw & kCloneSignalMask);
        Value f = Value::flags(raw);
        add_part(f, flags != 0 ? flags_value(flagsets::clone_flags, flags, "CLONE_???") : signal_text(sig));
        if (flags != 0 && sig != 0) f.push(signal_text(sig));
        values.push_back(named("flags", std::move(f)));
        if ((flags & kClonePointerFlags) == 0) return 2;
        // placeholders for the exit part; the first carries the separator
        if ((flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) != 0) values.push_back(Value::unknown());
        if ((flags & CLONE_SETTLS) != 0) values.push_back(Value::unknown());
        if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) != 0) values.push_back(Value::unknown());
        values[2].joined = true;
        return 2;
    }
    if ((flags & kClonePointerFlags) == 0 || values.size() < 3) return static_cast<int>(values.size());
    std::size_t next = 2;
    auto put = [&](const char* name, Value v) {
        v.prefix = std::string(next == 2 ? ", " : "") + name + "=";
        v.joined = next == 2;
        if (next < values.size()) values[next++] = std::move(v);
    };
    if ((flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) != 0) {
        const std::uint64_t ptid = ctx.arg(2);
        put("parent_tid", ctx.call.failed ? Value::address(ptid) : int_array_at(ctx.mem, ptid));
    }
    if ((flags & CLONE_SETTLS) != 0) put("tls", Value::address(ctx.arg(4)));
    if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) != 0)
        put("child_tidptr", Value::address(ctx.arg(3)));
    return 2;
}

// clone3({flags=..., ...} => {parent_tid=[1234]}, 88): the struct at entry; when the kernel writes a
// pidfd or a parent tid back, those after " => " at exit.
int decode_clone3(const DecodeContext& ctx, std::vector<Value>& values) {
    const std::uint64_t addr = ctx.arg(0);
    const std::uint64_t size = ctx.arg(1);
    const std::size_t fetch = static_cast<std::size_t>(std::min<std::uint64_t>(size, sizeof(CloneArgs)));
    CloneArgs a{};
    const auto read_args = [&] {
        return ctx.mem.read(addr, std::as_writable_bytes(std::span(&a, 1)).first(fetch)) == fetch;
    };
    if (!ctx.call.exiting) {
        values.clear();
        if (addr == 0 || fetch < kCloneArgsMin || !read_args()) {
            values.push_back(Value::address(addr));
            values.push_back(Value::unsigned_int(size));
            return 2;
        }
        values.push_back(clone3_args_value(ctx.mem, a, fetch));
        if ((a.flags & (CLONE_PIDFD | CLONE_PARENT_SETTID)) == 0) {
            values.push_back(Value::unsigned_int(size));
            return 2;
        }
        Value changed = Value::unknown();
        changed.joined = true;
        values.push_back(std::move(changed));
        values.push_back(Value::unsigned_int(size));
        return 1;
    }
    if (values.size() != 3) return static_cast<int>(values.size());
    Value changed = Value::structure();
    if (ctx.call.failed) {
        changed = Value::omit();
    } else if (!read_args()) {
        changed = Value::address(addr);
    } else {
        if ((a.flags & CLONE_PIDFD) != 0) changed.add("pidfd", int_array_at(ctx.mem, a.pidfd));
        if ((a.flags & CLONE_PARENT_SETTID) != 0)
            changed.add("parent_tid", int_array_at(ctx.mem, a.parent_tid));
    }
    changed.prefix = " => ";
    changed.joined = true;
    values[1] = std::move(changed);
    return 1;
}

} // namespace trace
