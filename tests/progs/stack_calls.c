// Known call chains for -k: main -> stack_outer -> stack_middle -> stack_inner -> getppid(). Built
// several ways (tests/progs/progs.cmake): with and without frame pointers, debug info and unwind
// tables; the stack must show the same functions in order each time.
#include <unistd.h>

#define KEEP __attribute__((noinline))

static volatile int sink;

// Each call is followed by more work, so that no call becomes a jump that drops its caller's frame.
KEEP int stack_inner(int n) {
    const int r = (int)getppid();
    sink = n;
    return r + n;
}

KEEP int stack_middle(int n) {
    const int r = stack_inner(n + 1);
    sink = r;
    return r + 1;
}

KEEP int stack_outer(int n) {
    const int r = stack_middle(n + 1);
    sink = r;
    return r + 1;
}

int main(void) {
    sink = stack_outer(1);
    return 0;
}
