// getppid_loop [N]: N getppid syscalls (default 100000), the cheapest real syscall there is.
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char** argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000;
    for (long i = 0; i < n; ++i)
        syscall(SYS_getppid); // direct syscall: no libc caching possible
    return 0;
}
