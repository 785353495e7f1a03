#pragma once
// The ptrace engine: starts or attaches to tracees, waits for their stops, turns them into events
// for an EventSink, and resumes them. It never leaves a tracee stopped.
#include "trace/decode/decoder.hpp"
#include "trace/engine/cpu_placement.hpp"
#include "trace/engine/interrupt.hpp"
#include "trace/engine/path_filter.hpp"
#include "trace/engine/process_memory.hpp"
#include "trace/engine/seccomp_filter.hpp"
#include "trace/engine/syscall_regs.hpp"
#include "trace/engine/tracee.hpp"
#include "trace/engine/unwind.hpp"
#include "trace/engine/wait_status.hpp"
#include "trace/events/event_sink.hpp"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace trace {

enum class SeccompUse { off, invisible, asked };

struct EngineConfig {
    bool follow_forks = false;
    DecodeOptions decode;
    std::vector<bool> traced;        // by syscall number; empty: every syscall
    bool trace_unknown = true;       // numbers beyond the table
    std::vector<bool> signals_shown; // by signal number; empty: every signal
    bool force_getregs = false;      // use PTRACE_GETREGS even where PTRACE_GET_SYSCALL_INFO works
    bool force_peekdata = false;     // use PTRACE_PEEKDATA even where process_vm_readv works
    bool quiet_attach = false;       // -q: no "Process N attached/detached" messages
    // Started commands get a seccomp filter so that syscalls left out by `traced` do not stop them.
    // A filtered process is never let go (its traced calls would fail with ENOSYS untraced), so the
    // composition enables it only where trace stays to the end: with follow_forks, without -b, -D or
    // --syscall-limit. `invisible`: only where no PR_SET_NO_NEW_PRIVS is needed; `asked`
    // (--seccomp-bpf): also with it, as strace does.
    SeccompUse seccomp = SeccompUse::off;
    // EventSink::on_tick about this often (0: never), e.g. for --summary-interval.
    Nanos tick_interval = 0;
    std::vector<InjectSpec> inject;         // -e inject=, -e fault= (their syscalls must be in `traced`)
    std::vector<std::string> trace_paths;   // -P: only calls touching these paths
    std::optional<DescriptorSet> trace_fds; // -e trace-fds=: only calls on these descriptors
    bool cpu_placement = false;             // --cpu-placement=auto: traced threads may share the tracer's CPU
    bool debug = false;                     // -d: each wait status on stderr
    bool detach_on_execve = false;   // -b execve: let go of a process when it execs (not the command's own)
    std::uint64_t syscall_limit = 0; // --syscall-limit: detach from everything after this many calls
    // -k: the calling stack of each reported syscall (only those in stack_traced, when not empty).
    bool stack_trace = false;
    std::vector<bool> stack_traced;
    UnwindConfig unwind;
};

struct SpawnSpec {
    std::vector<std::string> argv;        // argv[0] is the program as given
    std::vector<std::string> env_changes; // VAR=VALUE sets, VAR unsets
    std::string user;                     // -u: run as this user
    std::string argv0;                    // --argv0: argv[0] as the program sees it (default: as given)
    // -D: trace's own process becomes the command and the tracer goes on in a grandchild (1), also in
    // its own process group (2) or session (3); 0: the command is trace's child.
    int daemonize = 0;
    CallerSignals signals; // the caller's mask and dispositions, which the command starts with
};

// How the started command ended (for trace's own exit status).
struct ChildStatus {
    bool known = false;
    bool killed = false;
    int code = 0; // exit status or signal
    bool core_dumped = false;
};

class Tracer {
public:
    Tracer(EngineConfig config, EventSink& events);
    Tracer(const Tracer&) = delete;
    Tracer& operator=(const Tracer&) = delete;
    ~Tracer();

    // Starts the command, stopped before its execve; throws FatalError when it cannot be started.
    void spawn(const SpawnSpec& spec);
    // Attaches to every thread of a process; throws FatalError naming the reason when refused.
    // Returns how many threads were attached.
    int attach(pid_t pid);
    // Runs until no tracee is left. Returns how the started command ended.
    ChildStatus run();
    // -P: "Requested path 'x' resolved into '/y'" for paths that are links.
    const std::vector<std::string>& path_notes() const { return m_path_filter.notes(); }

private:
    void handle(pid_t tid, WaitStatus status);
    void handle_syscall_stop(Tracee& t);
    void debug_status(pid_t tid, WaitStatus status) const;
    void handle_syscall_entry(Tracee& t, const SyscallStop& stop);
    void handle_syscall_exit(Tracee& t, const SyscallStop& stop);
    bool touches_traced_path(Tracee& t, const SyscallEntry* entry, const SyscallStop& stop);
    void end_first_exec(Tracee& t, std::int64_t ret);
    void handle_event_stop(Tracee& t, int event);
    void handle_seccomp_stop(Tracee& t);
    void handle_new_child(Tracee& parent, pid_t child_tid, int event);
    bool clone_made_thread(const Tracee& parent);
    void adopt_early_children(const Tracee& dead);
    Tracee& add_child(pid_t tid, pid_t pid, const Tracee& creator, pid_t placement_parent);
    void emulate_program_filter(Tracee& t);
    bool any_detaching() const;
    void handle_exec(Tracee& t);
    void handle_signal_stop(Tracee& t, int sig);
    void handle_group_stop(Tracee& t, int sig);
    void handle_death(Tracee& t, WaitStatus status);
    void finish_pending(Tracee& t, bool detached);
    void decode_args(Tracee& t, bool exiting);
    bool is_traced(long nr) const;
    void resume(Tracee& t, int sig = 0);
    void start_detach_all(int sig);
    void detach(Tracee& t, int sig);
    // parent: the tracee it was cloned from (0: started or attached).
    Tracee& add_tracee(pid_t tid, pid_t pid, bool attached, pid_t parent = 0);
    void remove_tracee(pid_t tid);
    void note_affinity_entry(const Tracee& t);
    void note_affinity_exit(const Tracee& t, std::int64_t ret);
    pid_t wait_next(int& status);
    void init_stack_traces();
    bool stack_wanted(long nr) const;
    void note_mapping_change(pid_t pid, long nr, const std::array<std::uint64_t, 6>& args);
    void service_timer();

    EngineConfig m_config;
    EventSink& m_events;
    bool m_want_values;
    std::unordered_map<pid_t, Tracee> m_tracees;
    // New tasks whose first stop came before their creator's fork/clone event: held stopped (with
    // that stop) until the event says whose they are.
    std::unordered_map<pid_t, WaitStatus> m_early;
    std::unique_ptr<SyscallRegs> m_regs;
    ProcessMemory m_memory;
    pid_t m_child = 0;         // the started command
    bool m_daemonized = false; // -D: the command is trace's original process, the tracer its grandchild
    ChildStatus m_child_status;
    bool m_detaching = false;
    int m_interrupt_signal = 0;
    bool m_child_ended_before_interrupt = false;
    bool m_unflushed = false; // events reported since the last flush
    Nanos m_last_tick = 0;
    std::uint64_t m_syscalls = 0; // calls reported, for --syscall-limit
    Injector m_injector;
    PathFilter m_path_filter;
    CpuPlacement m_placement;
    Nanos m_stime = 0;                    // ru_stime of the tracee of the last stop
    std::unique_ptr<Unwinder> m_unwinder; // -k
    std::vector<bool> m_reported; // -k with -e trace=: the reported calls (config.traced adds mmap & co.)
};

} // namespace trace

namespace trace {
// The PTRACE_O_* options for a tracee: exit_kill for processes trace started, never for attached ones.
unsigned tracer_options(bool follow, bool exit_kill, bool seccomp);
} // namespace trace
