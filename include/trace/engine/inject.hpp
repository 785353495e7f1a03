#pragma once
// Syscall tampering (-e inject=, -e fault=): a matching call is skipped and its result replaced, or
// replaced by another syscall, or followed by a signal, or delayed — as strace's -e inject does.
#include "trace/events/events.hpp"

#include <cstdint>
#include <optional>
#include <sys/types.h>
#include <unordered_map>
#include <vector>

namespace trace {

struct InjectSpec {
    std::vector<bool> syscalls;          // by number
    std::optional<int> error;            // the call fails with this errno
    std::optional<std::uint64_t> retval; // the call returns this
    std::optional<int> replacement;      // this syscall runs instead
    int signal = 0;                      // delivered when the call returns
    Nanos delay_enter = 0;
    Nanos delay_exit = 0;
    // Invocations tampered with (per thread and syscall): first, then every step-th up to last.
    unsigned first = 1;
    unsigned last = 0xffff;
    unsigned step = 1; // 0: only the first
};

// What happens to one call in progress.
struct InjectAction {
    bool active = false;
    bool replace_result = false; // the call was skipped: its result is written at exit
    std::int64_t result = 0;
    int signal = 0;
    Nanos delay_exit = 0;
};

class Injector {
public:
    explicit Injector(std::vector<InjectSpec> specs) : m_specs(std::move(specs)) {}
    bool empty() const { return m_specs.empty(); }
    // Every syscall some rule names (they must stop even under a seccomp filter).
    std::vector<bool> syscalls() const;
    // At the entry of call nr in thread tid: tampers with the registers as a rule says.
    InjectAction on_entry(pid_t tid, long nr);
    // At its exit: writes the replaced result, sends the signal, waits. Returns the result the call
    // now has (ret unchanged when nothing was replaced).
    std::int64_t on_exit(pid_t pid, pid_t tid, const InjectAction& action, std::int64_t ret);
    // A thread is gone: forget its counters.
    void forget(pid_t tid);

private:
    std::vector<InjectSpec> m_specs;
    std::unordered_map<pid_t, std::unordered_map<long, unsigned>> m_counts; // invocations by thread, nr
};

} // namespace trace
