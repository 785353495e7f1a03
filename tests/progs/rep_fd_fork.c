/* --fd-stats -f: a forked child gets copies of its parent's fds (new rows, same names), a thread uses
 * its process's fds, and O_CLOEXEC fds do not survive an exec. The parent writes 300 bytes to data.txt
 * through fd 3; the child writes 200 through its copy of fd 3, then execs itself with an argument: the
 * O_CLOEXEC fd 4 is gone and a write to it fails with EBADF (no row); fd 3 survives and takes 100 more. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char buf[300];

int main(int argc, char** argv) {
    if (argc > 1) { /* after the exec */
        write(4, buf, 1);
        write(3, buf, 100);
        return 0;
    }
    memset(buf, 'y', sizeof buf);
    int fd = open("data.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int cloexec = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (fd != 3 || cloexec != 4) return 1;
    write(fd, buf, 300);
    pid_t child = fork();
    if (child == 0) {
        write(fd, buf, 200);
        write(cloexec, buf, 10);
        execl("/proc/self/exe", argv[0], "again", (char*)NULL);
        _exit(2);
    }
    int status = 0;
    waitpid(child, &status, 0);
    close(fd);
    close(cloexec);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 3;
}
