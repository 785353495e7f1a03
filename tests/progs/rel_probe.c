// Makes the call a restriction test denies, so that a case can check the restriction is in place
// (the filter of tests/restrict/seccomp_fail is inherited from trace by the programs it starts),
// then writes a string that the tracer must still decode.
//   rel_probe vm_readv | syscall_info | seccomp | proc
#include <linux/seccomp.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc < 2)
        return 2;
    char buf[8] = "";
    if (strcmp(argv[1], "vm_readv") == 0) {
        struct iovec local = {buf, sizeof buf};
        struct iovec remote = {argv[1], sizeof buf};
        syscall(SYS_process_vm_readv, getpid(), &local, 1, &remote, 1, 0);
    } else if (strcmp(argv[1], "syscall_info") == 0) {
        syscall(SYS_ptrace, 0x420e /* PTRACE_GET_SYSCALL_INFO */, getpid(), sizeof buf, buf);
    } else if (strcmp(argv[1], "seccomp") == 0) {
        unsigned action = SECCOMP_RET_ALLOW;
        syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
    } else if (strcmp(argv[1], "proc") == 0) {
        syscall(SYS_openat, -100, "/proc/self/status", 0);
    } else {
        return 2;
    }
    static const char message[] = "decoded\n";
    syscall(SYS_write, 1, message, sizeof message - 1);
    return 0;
}
