#pragma once
// -c -k (and -C -k): after the summary table, the calling stacks of each system call, the most
// frequent first, so that "which code path makes these 40,000 calls?" is one command. Beyond strace.
#include "trace/report/output.hpp"
#include "trace/report/reporter.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace trace {

struct StackSummaryConfig {
    std::size_t top = 5;          // stacks shown per system call
    bool count_successful = true; // -e status=, -z, -Z, as the table counts
    bool count_failed = true;
};

class StackSummaryReporter final : public Reporter {
public:
    StackSummaryReporter(StackSummaryConfig config, std::shared_ptr<Output> out);

    void on_syscall_exit(const SyscallEvent& e) override;
    void on_finish() override;

    // The section, as on_finish prints it ("" when no call had a stack).
    std::string render() const;

private:
    struct StackHash {
        std::size_t operator()(const std::vector<StackFrame>& stack) const;
    };
    struct StackEqual {
        bool operator()(const std::vector<StackFrame>& a, const std::vector<StackFrame>& b) const;
    };
    struct Site {
        std::uint64_t calls = 0;
        std::uint64_t errors = 0;
        std::size_t order = 0; // first seen: ties print in this order
    };
    struct PerSyscall {
        std::uint64_t calls = 0;
        std::unordered_map<std::vector<StackFrame>, Site, StackHash, StackEqual> sites;
    };

    StackSummaryConfig m_config;
    std::shared_ptr<Output> m_out;
    std::unordered_map<long, PerSyscall> m_syscalls; // by number
    std::size_t m_seen = 0;
};

} // namespace trace
