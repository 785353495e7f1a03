// exit_codes exit N          exit_group(N)
// exit_codes signal SIG      kill itself with signal number SIG, no core file (RLIMIT_CORE 0)
// exit_codes core SIG        the same, but allow a core file (written into the current directory)
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc < 3)
        return 2;
    int value = atoi(argv[2]);
    if (strcmp(argv[1], "exit") == 0)
        syscall(SYS_exit_group, value);
    struct rlimit core = {0, 0};
    if (strcmp(argv[1], "core") == 0)
        core.rlim_cur = core.rlim_max = RLIM_INFINITY;
    else if (strcmp(argv[1], "signal") != 0)
        return 2;
    syscall(SYS_prlimit64, 0, RLIMIT_CORE, &core, NULL);
    syscall(SYS_kill, syscall(SYS_getpid), value);
    return 3; // not reached when the signal kills
}
