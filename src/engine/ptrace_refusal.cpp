#include "trace/engine/ptrace_refusal.hpp"

#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <linux/capability.h>
#include <string_view>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace trace {
namespace {

constexpr std::string_view kSeccompFix =
    "run the container with --cap-add=SYS_PTRACE (Docker 19.03 and later then allow ptrace) or "
    "--security-opt seccomp=unconfined";

bool has_cap_sys_ptrace() {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3]{};
    if (syscall(SYS_capget, &header, data) != 0) return false;
    return (data[CAP_TO_INDEX(CAP_SYS_PTRACE)].effective & CAP_TO_MASK(CAP_SYS_PTRACE)) != 0;
}

int read_int_file(const char* path) {
    std::FILE* f = std::fopen(path, "r");
    if (f == nullptr) return -1;
    int value = -1;
    if (std::fscanf(f, "%d", &value) != 1) value = -1;
    std::fclose(f);
    return value;
}

// The uid (real, effective or saved: the first that differs from ours) and TracerPid of a process.
void read_target_status(pid_t pid, uid_t self, PtraceFacts& facts) {
    const std::string path = fmt::format("/proc/{}/status", pid);
    std::FILE* f = std::fopen(path.c_str(), "r");
    if (f == nullptr) return;
    char line[256];
    while (std::fgets(line, sizeof line, f) != nullptr) {
        unsigned long ids[3] = {0, 0, 0};
        long tracer = 0;
        if (std::sscanf(line, "Uid: %lu %lu %lu", &ids[0], &ids[1], &ids[2]) == 3) {
            facts.target_uid = static_cast<uid_t>(ids[0]);
            for (const unsigned long id : ids) {
                if (static_cast<uid_t>(id) != self) {
                    facts.target_uid = static_cast<uid_t>(id);
                    break;
                }
            }
        } else if (std::sscanf(line, "TracerPid: %ld", &tracer) == 1) {
            facts.target_tracer = static_cast<pid_t>(tracer);
        }
    }
    std::fclose(f);
}

} // namespace

PtraceFacts gather_ptrace_facts(pid_t pid, bool own_child) {
    PtraceFacts facts;
    facts.own_child = own_child;
    facts.uid = geteuid();
    facts.cap_sys_ptrace = has_cap_sys_ptrace();
    facts.seccomp_filtered = prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 2; // SECCOMP_MODE_FILTER
    facts.yama_scope = read_int_file("/proc/sys/kernel/yama/ptrace_scope");
    read_target_status(pid, facts.uid, facts);
    if (facts.target_tracer == getpid()) facts.target_tracer = 0;
    return facts;
}

std::string explain_ptrace_refusal(const PtraceFacts& f, pid_t pid) {
    if (f.target_tracer > 0 && f.own_child) {
        return fmt::format(
            "trace's child {} is already traced by process {}: trace itself runs under a tracer "
            "that follows forks (strace -f, a debugger); run trace without it",
            pid, f.target_tracer);
    }
    if (f.target_tracer > 0) {
        return fmt::format("process {} is already traced by process {}, and a process can have only one "
                           "tracer: end the other tracer (a debugger or strace) first",
                           pid, f.target_tracer);
    }
    if (f.yama_scope == 3) {
        return "kernel.yama.ptrace_scope is 3: ptrace is disabled on this system until the next reboot";
    }
    if (f.yama_scope == 2 && !f.cap_sys_ptrace) {
        return "kernel.yama.ptrace_scope is 2: only a process with CAP_SYS_PTRACE may trace: run trace as "
               "root, or lower the setting with 'sysctl -w kernel.yama.ptrace_scope=1'";
    }
    if (!f.own_child && f.target_uid && *f.target_uid != f.uid && !f.cap_sys_ptrace) {
        return fmt::format("process {} belongs to another user (uid {}): run trace as that user, or as root "
                           "(with CAP_SYS_PTRACE)",
                           pid, *f.target_uid);
    }
    if (!f.own_child && f.yama_scope == 1 && !f.cap_sys_ptrace) {
        return "kernel.yama.ptrace_scope is 1: a process may trace only its own descendants: start the "
               "program under trace instead of using -p, run trace as root (with CAP_SYS_PTRACE), or "
               "allow it with 'sysctl -w kernel.yama.ptrace_scope=0'";
    }
    if (f.seccomp_filtered) {
        return fmt::format(
            "trace runs under a seccomp filter that refuses ptrace, as the default profiles of "
            "container runtimes do on older kernels or without CAP_SYS_PTRACE: {}",
            kSeccompFix);
    }
    if (f.own_child) {
        return "ptrace is refused even for trace's own child: a security module (SELinux, AppArmor) or "
               "the sandbox this runs in forbids it";
    }
    if (!f.cap_sys_ptrace) {
        return fmt::format("process {} may be protected: it changed its credentials (setuid, setgid, file "
                           "capabilities), made itself non-dumpable, or runs in another container or user "
                           "namespace; tracing it needs CAP_SYS_PTRACE (run trace as root, or add the "
                           "capability to the container with --cap-add=SYS_PTRACE)",
                           pid);
    }
    return fmt::format(
        "refused although trace has CAP_SYS_PTRACE: a security module (SELinux, AppArmor, "
        "Landlock) forbids tracing process {}, or it is a system process that cannot be traced",
        pid);
}

} // namespace trace
