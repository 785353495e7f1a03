#pragma once
// --hide-errno=EAGAIN,EINTR / --hide-eagain / --hide-empty-polls: a decorator around the trace
// reporter that leaves out the calls that failed with one of the given errnos, and the polls that
// timed out with nothing ready. Other reporters (-c, --fd-stats) are separate and still count them.
//
// The trace reporter prints a call's entry as soon as it arrives, before anyone knows how the call
// ends. So the entry of every call that might be hidden is held back and handed over together with
// its exit: such calls are printed as whole lines when they return (never as <unfinished ...>).
//
// At the end, one line in the trace's output counts what was hidden:
//   trace: 7 calls hidden: read 5, epoll_wait 2
#include "trace/report/output.hpp"
#include "trace/report/reporter.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace trace {

struct HideConfig {
    std::vector<int> errnos; // hide the calls that failed with these (EINTR: also ERESTARTSYS and the like)
    bool empty_polls = false;
    std::string program_name = "trace"; // argv[0], the prefix of the count line
    bool any() const { return !errnos.empty() || empty_polls; }
};

class HideFilter final : public Reporter {
public:
    // out: where the count of hidden calls goes (the trace's output).
    HideFilter(HideConfig config, std::unique_ptr<Reporter> inner, std::shared_ptr<Output> out);

    bool wants_values() const override { return m_inner->wants_values(); }
    void on_process_start(const ProcessEvent& e) override { m_inner->on_process_start(e); }
    void on_syscall_entry(const SyscallEvent& e) override;
    void on_syscall_exit(const SyscallEvent& e) override;
    void on_signal(const SignalEvent& e) override { m_inner->on_signal(e); }
    void on_exec(const ExecEvent& e) override { m_inner->on_exec(e); }
    void on_process_exit(const ExitEvent& e) override { m_inner->on_process_exit(e); }
    void on_detach(const ProcessEvent& e) override { m_inner->on_detach(e); }
    void on_tick(Nanos now) override { m_inner->on_tick(now); }
    void on_finish() override;
    void flush() override { m_inner->flush(); }

    // Whether the entry of this call is held until its exit.
    bool holds(const SyscallEvent& e) const;
    // Whether this finished call is left out.
    bool hides(const SyscallEvent& e) const;
    // "trace: 7 calls hidden: read 5, epoll_wait 2" (without the newline).
    std::string hidden_line() const;

private:
    HideConfig m_config;
    std::unique_ptr<Reporter> m_inner;
    std::shared_ptr<Output> m_out;
    std::vector<std::pair<long, std::uint64_t>> m_hidden; // syscall number -> calls, in order of first sight
    std::uint64_t m_total = 0;
};

} // namespace trace
