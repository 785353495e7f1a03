#include "trace/engine/wait_status.hpp"

#include <csignal>
#include <sys/ptrace.h>
#include <sys/wait.h>

namespace trace {
namespace {

bool is_stopping_signal(int sig) {
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

WaitStatus::Kind classify(int raw) {
    using Kind = WaitStatus::Kind;
    if (WIFEXITED(raw)) return Kind::exited;
    if (WIFSIGNALED(raw)) return Kind::killed;
    if (!WIFSTOPPED(raw)) return Kind::other;
    const int sig = WSTOPSIG(raw);
    const int event = (raw >> 16) & 0xff;
    if (sig == (SIGTRAP | 0x80)) return Kind::syscall_stop;
    if (event == PTRACE_EVENT_STOP) return is_stopping_signal(sig) ? Kind::group_stop : Kind::interrupt_stop;
    if (event != 0) return Kind::event_stop;
    return Kind::signal_stop;
}

} // namespace

WaitStatus::WaitStatus(int raw) : m_raw(raw), m_kind(classify(raw)) {}

int WaitStatus::exit_code() const { return WEXITSTATUS(m_raw); }
int WaitStatus::term_signal() const { return WTERMSIG(m_raw); }
bool WaitStatus::core_dumped() const { return WCOREDUMP(m_raw); }
int WaitStatus::stop_signal() const { return WSTOPSIG(m_raw); }
int WaitStatus::ptrace_event() const { return (m_raw >> 16) & 0xff; }

} // namespace trace
