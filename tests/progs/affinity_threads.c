// Exits 0 when CPU placement stays hidden from a multithreaded program: while two threads make
// syscalls (trace may move them onto its own CPU), each one's sched_getaffinity() reports every
// online CPU, and a mask the program sets itself is the mask it then has.
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

static int sees_every_cpu(void) {
    cpu_set_t set;
    return sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) == get_nprocs();
}

static void* busy(void* arg) {
    int bad = 0;
    for (int i = 0; i < 20000; ++i) {
        syscall(SYS_getppid);
        if (i % 1000 == 0 && !sees_every_cpu()) bad = 1;
    }
    (void)arg;
    return (void*)(intptr_t)bad;
}

int main(void) {
    pthread_t t;
    void* worker_bad = NULL;
    if (pthread_create(&t, NULL, busy, NULL) != 0) return 2;
    const int bad = (int)(intptr_t)busy(NULL);
    pthread_join(t, &worker_bad);
    if (bad || worker_bad != NULL) return 1;
    // Its own choice: the last CPU only, and that is what it sees and where it runs.
    cpu_set_t one, now;
    CPU_ZERO(&one);
    CPU_SET(get_nprocs() - 1, &one);
    if (sched_setaffinity(0, sizeof one, &one) != 0) return 2;
    for (int i = 0; i < 1000; ++i) syscall(SYS_getppid);
    if (sched_getaffinity(0, sizeof now, &now) != 0 || !CPU_EQUAL(&now, &one)) return 3;
    return sched_getcpu() == get_nprocs() - 1 ? 0 : 4;
}
