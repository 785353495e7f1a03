#include "trace/engine/inject.hpp"

#include <cerrno>
#include <csignal>
#include <cstddef>
#include <ctime>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <unistd.h>

namespace trace {
namespace {

constexpr std::size_t kOrigRax = offsetof(user_regs_struct, orig_rax);
constexpr std::size_t kRax = offsetof(user_regs_struct, rax);

void poke_register(pid_t tid, std::size_t offset, std::uint64_t value) {
    ptrace(PTRACE_POKEUSER, tid, reinterpret_cast<void*>(offset), reinterpret_cast<void*>(value));
}

// The tracer waits here: every tracee waits with it (strace delays only the one thread).
void delay(Nanos ns) {
    if (ns <= 0) return;
    timespec ts{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

bool selected(const InjectSpec& spec, unsigned n) {
    if (n < spec.first || n > spec.last) return false;
    if (spec.step == 0) return n == spec.first;
    return (n - spec.first) % spec.step == 0;
}

} // namespace

std::vector<bool> Injector::syscalls() const {
    std::vector<bool> all;
    for (const auto& spec : m_specs) {
        if (all.size() < spec.syscalls.size()) all.resize(spec.syscalls.size());
        for (std::size_t i = 0; i < spec.syscalls.size(); ++i) all[i] = all[i] || spec.syscalls[i];
    }
    return all;
}

InjectAction Injector::on_entry(pid_t tid, long nr) {
    InjectAction action;
    if (nr < 0) return action;
    const auto n = static_cast<std::size_t>(nr);
    for (const auto& spec : m_specs) {
        if (n >= spec.syscalls.size() || !spec.syscalls[n]) continue;
        // As in strace, the first rule naming the syscall decides; the count is per thread and syscall.
        const unsigned count = ++m_counts[tid][nr];
        if (!selected(spec, count)) return action;
        action.active = true;
        delay(spec.delay_enter);
        if (spec.error || spec.retval) {
            poke_register(tid, kOrigRax, static_cast<std::uint64_t>(-1)); // the kernel skips the call
            action.replace_result = true;
            action.result = spec.error ? -static_cast<std::int64_t>(*spec.error) : static_cast<std::int64_t>(*spec.retval);
        } else if (spec.replacement) {
            poke_register(tid, kOrigRax, static_cast<std::uint64_t>(*spec.replacement));
        }
        action.signal = spec.signal;
        action.delay_exit = spec.delay_exit;
        return action;
    }
    return action;
}

std::int64_t Injector::on_exit(pid_t pid, pid_t tid, const InjectAction& action, std::int64_t ret) {
    if (!action.active) return ret;
    if (action.replace_result) {
        poke_register(tid, kRax, static_cast<std::uint64_t>(action.result));
        ret = action.result;
    }
    if (action.signal != 0) syscall(SYS_tgkill, pid, tid, action.signal);
    delay(action.delay_exit);
    return ret;
}

void Injector::forget(pid_t tid) { m_counts.erase(tid); }

} // namespace trace
