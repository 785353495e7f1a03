// A tree of P processes: process i (the first is 0) forks processes 2i+1 and 2i+2 when they are
// below P, makes K getppid() calls, and waits for its children. So a trace with -f -c counts
// exactly P * K getppid and P - 1 clone (fork). SIGCHLD is blocked: under ptrace an ignored SIGCHLD
// is still queued, and one arriving during fork() restarts it (ERESTARTNOINTR, a second clone).
// Exits with 0 when all went right.
//   stress_fork_tree P K
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc < 3)
        return 2;
    const long total = atol(argv[1]);
    const long calls = atol(argv[2]);
    long index = 0;
    int bad = 0;
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
start:;
    pid_t children[2] = {0, 0};
    for (int c = 0; c < 2; ++c) {
        const long child = 2 * index + 1 + c;
        if (child >= total)
            break;
        const pid_t pid = fork();
        if (pid < 0)
            return 3;
        if (pid == 0) {
            index = child;
            goto start; // the child runs the same steps as process `child`
        }
        children[c] = pid;
    }
    const long parent = syscall(SYS_getppid);
    for (long i = 1; i < calls; ++i)
        if (syscall(SYS_getppid) != parent)
            bad = 1;
    for (int c = 0; c < 2; ++c) {
        int status = 0;
        if (children[c] != 0 && (waitpid(children[c], &status, 0) != children[c] || !WIFEXITED(status) ||
                                 WEXITSTATUS(status) != 0))
            bad = 1;
    }
    return bad;
}
