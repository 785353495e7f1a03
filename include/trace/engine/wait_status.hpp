#pragma once
// A waitpid() status classified once into what it means for a tracer.
#include <cstdint>

namespace trace {

class WaitStatus {
public:
    enum class Kind : std::uint8_t {
        exited,         // WIFEXITED
        killed,         // WIFSIGNALED
        syscall_stop,   // SIGTRAP|0x80 (PTRACE_O_TRACESYSGOOD)
        event_stop,     // PTRACE_EVENT_* other than PTRACE_EVENT_STOP
        group_stop,     // PTRACE_EVENT_STOP with a stopping signal (SEIZE)
        interrupt_stop, // PTRACE_EVENT_STOP with SIGTRAP: PTRACE_INTERRUPT or a new child's first stop
        signal_stop,    // signal-delivery-stop
        other,
    };

    explicit WaitStatus(int raw);

    Kind kind() const { return m_kind; }
    int raw() const { return m_raw; }
    int exit_code() const;    // exited
    int term_signal() const;  // killed
    bool core_dumped() const; // killed
    int stop_signal() const;  // signal_stop, group_stop
    int ptrace_event() const; // event_stop: PTRACE_EVENT_FORK etc.

private:
    int m_raw;
    Kind m_kind;
};

} // namespace trace
