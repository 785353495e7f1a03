// Starting a command under the tracer, and attaching to running processes.
#include "trace/engine/interrupt.hpp"
#include "trace/engine/ptrace_refusal.hpp"
#include "trace/engine/tracer.hpp"
#include "trace/util/error.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <grp.h>
#include <optional>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace trace {
namespace {

bool is_executable_file(const std::string& path) {
    struct stat st {};
    return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(path.c_str(), X_OK) == 0;
}

// The program's path as execve will see it: as given when it has a '/', else the first match in PATH.
std::string resolve_program(const std::string& name) {
    if (name.find('/') != std::string::npos) {
        struct stat st {};
        if (stat(name.c_str(), &st) != 0)
            throw FatalError(fmt::format("Can't stat '{}': {}", name, strerror(errno)));
        return name;
    }
    const char* path_env = std::getenv("PATH");
    std::string_view path = path_env != nullptr ? path_env : "/usr/local/bin:/usr/bin:/bin";
    while (true) {
        const auto colon = path.find(':');
        std::string_view dir = path.substr(0, colon);
        if (dir.empty()) dir = ".";
        std::string candidate = fmt::format("{}/{}", dir, name);
        if (is_executable_file(candidate)) return candidate;
        if (colon == std::string_view::npos) break;
        path.remove_prefix(colon + 1);
    }
    throw FatalError(fmt::format("Can't stat '{}': No such file or directory", name));
}

struct RunAs {
    uid_t uid;
    gid_t gid;
    std::string name;
};

RunAs lookup_user(const std::string& user) {
    const passwd* pw = getpwnam(user.c_str());
    if (pw == nullptr) throw FatalError(fmt::format("Cannot find user '{}'", user));
    return RunAs{pw->pw_uid, pw->pw_gid, user};
}

[[noreturn]] void write_error_and_exit(const char* what) {
    const std::string msg = fmt::format("{}: {}: {}\n", program_invocation_name, what, strerror(errno));
    const ssize_t ignored = write(STDERR_FILENO, msg.data(), msg.size());
    (void)ignored;
    _exit(1);
}

std::vector<pid_t> list_threads(pid_t pid) {
    // The leader first: if it cannot be attached, nothing is.
    std::vector<pid_t> tids{pid};
    const std::string dir = fmt::format("/proc/{}/task", pid);
    DIR* d = opendir(dir.c_str());
    if (d == nullptr) {
        // /proc hidden (a sandbox, or a container without it): the thread we were given is all we find.
        if (access("/proc/self", F_OK) != 0) {
            fmt::print(stderr,
                       "{}: /proc is not available: only thread {} of process {} is traced, not its "
                       "other threads\n",
                       program_invocation_name, pid, pid);
        }
        return tids;
    }
    while (const dirent* e = readdir(d)) {
        char* end = nullptr;
        const long tid = std::strtol(e->d_name, &end, 10);
        if (end != e->d_name && *end == '\0' && tid > 0 && tid != pid)
            tids.push_back(static_cast<pid_t>(tid));
    }
    closedir(d);
    return tids;
}

// "CALL: strerror", and for EPERM a second line with the likely cause and its fix.
std::string refusal_message(const std::string& call, pid_t pid, int err, bool own_child) {
    std::string message = fmt::format("{}: {}", call, strerror(err));
    if (err == EPERM)
        message += fmt::format("\n{}: ", program_invocation_name) +
                   explain_ptrace_refusal(gather_ptrace_facts(pid, own_child), pid);
    return message;
}

// What the command's process does between fork (or -D's start) and execve.
struct CommandSetup {
    const std::vector<std::string>& env_changes;
    const std::optional<RunAs>& run_as;
    const std::vector<sock_filter>& filter;
    bool filter_may_set_nnp; // --seccomp-bpf asked for: PR_SET_NO_NEW_PRIVS where needed
    const std::string& path;
    const std::vector<char*>& argv;
    const CallerSignals& signals;
};

// Runs in the command's process: wait_for_tracer returns once the tracer has seized it.
template <typename F> [[noreturn]] void become_command(const CommandSetup& s, F&& wait_for_tracer) {
    for (const auto& change : s.env_changes) {
        const auto eq = change.find('=');
        if (eq == std::string::npos) {
            unsetenv(change.c_str());
        } else {
            setenv(change.substr(0, eq).c_str(), change.substr(eq + 1).c_str(), 1);
        }
    }
    wait_for_tracer();
    // Before -u drops root, which may install the filter without PR_SET_NO_NEW_PRIVS. A failure is
    // seen by the tracer (it watches this seccomp() call) and tracing goes on without the filter.
    if (!s.filter.empty()) install_seccomp_filter(s.filter, s.filter_may_set_nnp);
    if (s.run_as) {
        if (initgroups(s.run_as->name.c_str(), s.run_as->gid) != 0) write_error_and_exit("initgroups");
        if (setgid(s.run_as->gid) != 0) write_error_and_exit("setgid");
        if (setuid(s.run_as->uid) != 0) write_error_and_exit("setuid");
    }
    // The caller's dispositions and mask, as if trace had not been there (-I's blocking is trace's own).
    restore_caller_signals(s.signals);
    execv(s.path.c_str(), s.argv.data());
    write_error_and_exit("exec");
}

// One read of len bytes from a pipe (the writer sends them in one write); false at EOF or error.
bool read_message(int fd, void* data, std::size_t len) {
    ssize_t n = 0;
    while ((n = read(fd, data, len)) < 0 && errno == EINTR) {
    }
    return n == static_cast<ssize_t>(len);
}

bool read_byte(int fd) {
    char c = 0;
    return read_message(fd, &c, 1);
}

void write_bytes(int fd, const void* data, std::size_t len) {
    while (write(fd, data, len) < 0 && errno == EINTR) {
    }
}

// -D: this process becomes the command, so that it stays the child of whoever started trace; the
// tracer goes on in a grandchild (reparented to init, in its own process group with mode 2 or session
// with 3), which returns from here with the command's pid once it has seized it. The command's process
// never returns.
pid_t fork_daemonized_tracer(const CommandSetup& setup, int mode, unsigned options) {
    int pid_pipe[2];   // the middle process tells the command the tracer's pid
    int allow_pipe[2]; // the command tells the tracer it may trace it (Yama's ptrace_scope 1)
    int go_pipe[2];    // the tracer tells the command it is seized
    if (pipe2(pid_pipe, O_CLOEXEC) != 0 || pipe2(allow_pipe, O_CLOEXEC) != 0 ||
        pipe2(go_pipe, O_CLOEXEC) != 0)
        throw FatalError(fmt::format("pipe: {}", strerror(errno)));
    const pid_t command = getpid();
    const pid_t middle = fork();
    if (middle < 0) throw FatalError(fmt::format("fork: {}", strerror(errno)));
    if (middle == 0) {
        const pid_t tracer = fork();
        if (tracer != 0) {
            if (tracer > 0) write_bytes(pid_pipe[1], &tracer, sizeof tracer);
            _exit(tracer > 0 ? 0 : 1);
        }
        if (mode == 2) setpgid(0, 0);
        if (mode >= 3) setsid();
        close(allow_pipe[1]);
        close(go_pipe[0]);
        if (!read_byte(allow_pipe[0])) _exit(1); // the command gave up
        if (ptrace(PTRACE_SEIZE, command, nullptr,
                   reinterpret_cast<void*>(static_cast<std::uintptr_t>(options))) != 0) {
            const std::string message =
                refusal_message(fmt::format("ptrace(PTRACE_SEIZE, {})", command), command, errno, false);
            kill(command, SIGKILL); // it would run untraced, which nobody asked for
            throw FatalError(message);
        }
        ptrace(PTRACE_INTERRUPT, command, nullptr, nullptr); // it stops before it reads "go"
        write_bytes(go_pipe[1], "g", 1);
        close(go_pipe[1]);
        return command;
    }
    close(allow_pipe[0]);
    close(go_pipe[1]);
    int status = 0;
    while (waitpid(middle, &status, 0) < 0 && errno == EINTR) {
    }
    pid_t tracer = 0;
    if (!read_message(pid_pipe[0], &tracer, sizeof tracer)) write_error_and_exit("fork");
    prctl(PR_SET_PTRACER, static_cast<unsigned long>(tracer), 0, 0, 0); // EINVAL without Yama: fine
    write_bytes(allow_pipe[1], "t", 1);
    close(allow_pipe[1]);
    become_command(setup, [&] {
        if (!read_byte(go_pipe[0])) _exit(1); // the tracer died: do not run untraced
        close(go_pipe[0]);
    });
}

} // namespace

void Tracer::spawn(const SpawnSpec& spec) {
    if (spec.argv.empty()) throw FatalError("must have PROG [ARGS] or -p PID");
    const std::string path = resolve_program(spec.argv[0]);
    std::optional<RunAs> run_as;
    if (!spec.user.empty() && geteuid() != 0)
        throw FatalError("You must be root to use the -u/--username option");
    if (!spec.user.empty()) run_as = lookup_user(spec.user);

    std::vector<sock_filter> filter;
    if (m_config.seccomp != SeccompUse::off && !m_config.traced.empty())
        filter = build_seccomp_filter(m_config.traced, m_config.trace_unknown);

    std::vector<char*> argv;
    for (const auto& a : spec.argv)
        argv.push_back(const_cast<char*>(a.c_str()));
    if (!spec.argv0.empty()) argv[0] = const_cast<char*>(spec.argv0.c_str());
    argv.push_back(nullptr);

    const CommandSetup setup{
        spec.env_changes, run_as, filter, m_config.seccomp == SeccompUse::asked, path, argv, spec.signals};
    if (spec.daemonize > 0) {
        const pid_t pid = fork_daemonized_tracer(
            setup, spec.daemonize, tracer_options(m_config.follow_forks, false, !filter.empty()));
        Tracee& t = add_tracee(pid, pid, false);
        t.hidden = true;
        m_child = pid;
        m_daemonized = true;
        m_events.on_process_start(ProcessEvent{pid, pid, 0, 0});
        return;
    }
    const pid_t pid = fork();
    if (pid < 0) throw FatalError(fmt::format("fork: {}", strerror(errno)));
    if (pid == 0) {
        // Wait here until the tracer has seized us; our execve is then the first traced call.
        become_command(setup, [] { raise(SIGSTOP); });
    }

    int status = 0;
    while (waitpid(pid, &status, WSTOPPED) < 0 && errno == EINTR) {
    }
    if (!WIFSTOPPED(status)) throw FatalError("the command ended before it could be traced");
    if (ptrace(PTRACE_SEIZE, pid, nullptr,
               reinterpret_cast<void*>(static_cast<std::uintptr_t>(
                   tracer_options(m_config.follow_forks, true, !filter.empty())))) != 0) {
        // The explanation first, while the child still tells who traces it (trace under strace -f).
        const std::string message =
            refusal_message(fmt::format("ptrace(PTRACE_SEIZE, {})", pid), pid, errno, true);
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        throw FatalError(message);
    }
    Tracee& t = add_tracee(pid, pid, false);
    t.hidden = true;
    m_child = pid;
    kill(pid, SIGCONT);
    m_events.on_process_start(ProcessEvent{pid, pid, 0, 0});
}

int Tracer::attach(pid_t pid) {
    if (pid == getpid()) throw FatalError("I'm sorry, I can't let you do that, Dave.");
    if (m_tracees.count(pid) != 0) return 0;
    const unsigned options = tracer_options(m_config.follow_forks, false, false);
    int attached = 0;
    for (const pid_t tid : list_threads(pid)) {
        if (m_tracees.count(tid) != 0) continue;
        if (ptrace(PTRACE_SEIZE, tid, nullptr,
                   reinterpret_cast<void*>(static_cast<std::uintptr_t>(options))) != 0) {
            if (tid == pid || attached == 0) {
                throw FatalError(
                    refusal_message(fmt::format("attach: ptrace(PTRACE_SEIZE, {})", tid), tid, errno, false));
            }
            continue; // a thread that ended meanwhile
        }
        ptrace(PTRACE_INTERRUPT, tid, nullptr, nullptr);
        add_tracee(tid, pid, true);
        m_events.on_process_start(ProcessEvent{tid, pid, 0, 0, true});
        ++attached;
    }
    return attached;
}

} // namespace trace
