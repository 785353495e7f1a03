// floor: the least work any ptrace tracer can do per syscall, the yardstick for overhead figures.
// Per syscall stop: one waitpid, one PTRACE_GET_SYSCALL_INFO, one PTRACE_SYSCALL. Follows forks
// and threads, forwards signals, exits with the command's status (128+N if killed by signal N).
//
// Start-up: the child stops itself with raise(SIGSTOP) before exec; the parent waits for that
// stop, PTRACE_SEIZEs the stopped child and sends SIGCONT (the way strace starts a command), so
// the exec and everything after it is traced with the SEIZE semantics (PTRACE_EVENT_STOP).
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

static int is_stop_signal(int sig) {
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: floor COMMAND [ARG...]\n");
        return 2;
    }
    pid_t child = fork();
    if (child < 0) return perror("fork"), 2;
    if (child == 0) {
        raise(SIGSTOP);
        execvp(argv[1], argv + 1);
        perror(argv[1]);
        _exit(127);
    }
    int status = 0;
    if (waitpid(child, &status, WSTOPPED) < 0) return perror("waitpid"), 2;
    long opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
                PTRACE_O_EXITKILL;
    if (ptrace(PTRACE_SEIZE, child, 0L, opts) < 0) return perror("PTRACE_SEIZE"), 2;
    kill(child, SIGCONT);

    int exit_code = 0;
    struct __ptrace_syscall_info info;
    for (;;) {
        pid_t pid = waitpid(-1, &status, __WALL);
        if (pid < 0) break; // ECHILD: every tracee is gone
        if (WIFEXITED(status) || WIFSIGNALED(status)) {
            if (pid == child) exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            continue;
        }
        if (!WIFSTOPPED(status)) continue;
        int sig = WSTOPSIG(status);
        int event = status >> 16;
        enum __ptrace_request request = PTRACE_SYSCALL;
        long deliver = 0;
        if (sig == (SIGTRAP | 0x80)) {
            ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof info, &info);
        } else if (event == PTRACE_EVENT_STOP) {
            if (is_stop_signal(sig)) request = PTRACE_LISTEN; // group-stop: stay stopped until SIGCONT
        } else if (event == 0) {
            deliver = sig; // signal-delivery-stop: forward the signal
        }
        ptrace(request, pid, 0L, deliver); // ESRCH: the tracee died meanwhile
    }
    return exit_code;
}
