// Scheduling attributes (sched_setattr, sched_getattr) and membarrier.
#include <linux/membarrier.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

// <linux/sched/types.h> clashes with glibc's <sched.h>.
struct attr {
    uint32_t size, sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime, sched_deadline, sched_period;
    uint32_t sched_util_min, sched_util_max;
};

enum { OTHER = 0, BATCH = 3, DEADLINE = 6, RESET_ON_FORK = 1, KEEP_POLICY = 8 };

int main(void) {
    syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0);
    syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ, MEMBARRIER_CMD_FLAG_CPU, 1);
    syscall(SYS_membarrier, 0x400, 0, 0);
    syscall(SYS_membarrier, MEMBARRIER_CMD_GLOBAL, 0, 0);

    struct attr a;
    memset(&a, 0, sizeof a);
    a.size = sizeof a;
    a.sched_policy = BATCH;
    a.sched_flags = RESET_ON_FORK;
    a.sched_nice = 3;
    syscall(SYS_sched_setattr, 0, &a, 0);
    syscall(SYS_sched_getattr, 0, &a, sizeof a, 0);
    syscall(SYS_sched_getattr, 0, &a, 48, 0);
    syscall(SYS_sched_getattr, 0, &a, 8, 0);
    a.sched_flags = KEEP_POLICY;
    a.sched_nice = 0;
    syscall(SYS_sched_setattr, 0, &a, 0);
    a.size = 48;
    a.sched_policy = DEADLINE;
    a.sched_flags = 0x80;
    a.sched_runtime = 1000000;
    a.sched_deadline = 2000000;
    a.sched_period = 3000000;
    syscall(SYS_sched_setattr, 0, &a, 0);
    syscall(SYS_sched_setattr, 0, 16, 0);
    return 0;
}
