// Exits 0 when sched_getaffinity() reports every online CPU: under trace's CPU placement the program
// shares the tracer's CPU, and must not see it.
#define _GNU_SOURCE
#include <sched.h>
#include <sys/sysinfo.h>

int main(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 2;
    return CPU_COUNT(&set) == get_nprocs() ? 0 : 1;
}
