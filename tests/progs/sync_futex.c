// Every futex operation once, with results that do not depend on timing (no other thread), then
// futex_waitv on a value that differs (EAGAIN).
#define _GNU_SOURCE
#include <limits.h>
#include <linux/futex.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long futex(uint32_t* uaddr, int op, uint32_t val, const void* timeout, uint32_t* uaddr2, uint32_t val3) {
    return syscall(SYS_futex, uaddr, op, val, timeout, uaddr2, val3);
}

#define VAL2(n) ((const void*)(uintptr_t)(n))

int main(void) {
    static uint32_t word = 1, other = 0, pi = 0;
    const struct timespec short_wait = {0, 1000};
    const struct timespec past = {0, 0};
    futex(&word, FUTEX_WAIT, 0, &short_wait, NULL, 0);
    futex(&word, FUTEX_WAIT_PRIVATE, 1, &short_wait, NULL, 0);
    futex(&word, FUTEX_WAIT_PRIVATE | FUTEX_CLOCK_REALTIME, 0, NULL, NULL, 0);
    futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0);
    futex(&word, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
    futex(&word, FUTEX_FD, 5, NULL, NULL, 0);
    futex(&word, FUTEX_REQUEUE_PRIVATE, 1, VAL2(2), &other, 0);
    futex(&word, FUTEX_CMP_REQUEUE_PRIVATE, 1, VAL2(INT_MAX), &other, 1);
    futex(&word, FUTEX_CMP_REQUEUE, 1, VAL2(2), &other, 7);
    futex(&word, FUTEX_WAKE_OP_PRIVATE, 1, VAL2(1), &other, FUTEX_OP(FUTEX_OP_SET, 0, FUTEX_OP_CMP_GT, 1));
    futex(&word, FUTEX_WAKE_OP, 1, VAL2(0), &other,
          FUTEX_OP((FUTEX_OP_OPARG_SHIFT | FUTEX_OP_ADD), 3, FUTEX_OP_CMP_NE, 0xfff));
    futex(&pi, FUTEX_LOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    futex(&pi, FUTEX_TRYLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    futex(&pi, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    futex(&pi, FUTEX_LOCK_PI2_PRIVATE, 0, &past, NULL, 0);
    futex(&pi, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    futex(&pi, FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0);
    futex(&pi, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0);
    futex(&word, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 0, &past, NULL, FUTEX_BITSET_MATCH_ANY);
    futex(&word, FUTEX_WAIT_BITSET, 1, &past, NULL, 5);
    futex(&word, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, FUTEX_BITSET_MATCH_ANY);
    futex(&word, FUTEX_WAIT_REQUEUE_PI_PRIVATE, 0, &short_wait, &pi, 0);
    futex(&word, FUTEX_CMP_REQUEUE_PI_PRIVATE, 1, VAL2(0), &pi, 1);
    futex(&word, 14, 1, VAL2(2), &other, 3);
    futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0);
    futex(&pi, FUTEX_LOCK_PI | FUTEX_CLOCK_REALTIME, 0, NULL, NULL, 0);
    futex(NULL, FUTEX_WAIT, 0, VAL2(8), NULL, 0);
    futex(&word, FUTEX_WAIT, 1, VAL2(8), NULL, 0);
    // struct futex_waitv's flags: FUTEX2_SIZE_U32 (FUTEX_32), FUTEX2_PRIVATE (not in older headers).
    struct futex_waitv waiters[2] = {
        {.val = 0, .uaddr = (uintptr_t)&word, .flags = FUTEX_32 | 128},
        {.val = 1, .uaddr = (uintptr_t)&other, .flags = FUTEX_32},
    };
    syscall(SYS_futex_waitv, waiters, 2, 0, NULL, CLOCK_MONOTONIC);
    syscall(SYS_futex_waitv, NULL, 0, 0, &past, CLOCK_REALTIME);
    return 0;
}
