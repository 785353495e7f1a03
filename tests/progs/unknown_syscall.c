// A syscall number no kernel has (1000) with six arguments, then getpid().
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    syscall(1000, 1, 2, 3, 4, 5, 6);
    syscall(SYS_getpid);
    return 0;
}
