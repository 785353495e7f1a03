// A vfork parent that waits for long: the child (sharing its memory) blocks reading stdin until end
// of file, then exits; only then does vfork return in the parent, which prints "vfork ok" and exits
// with 7. The parent prints its pid first; while the child runs, the parent sleeps uninterruptibly
// (state D), where PTRACE_INTERRUPT cannot stop it.
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    dprintf(1, "%d\n", (int)getpid());
    const pid_t child = vfork();
    if (child == 0) {
        char buf[64];
        while (syscall(SYS_read, 0, buf, sizeof buf) > 0) {
        }
        _exit(0);
    }
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return 1;
    dprintf(1, "vfork ok\n");
    return 7;
}
