// -k through a signal frame: main -> raise(SIGUSR1) -> on_signal -> handler_inner -> getppid(). The
// frames above the handler continue past the kernel's signal frame into raise and main.
#include <signal.h>
#include <unistd.h>

#define KEEP __attribute__((noinline))

static volatile int sink;

KEEP int handler_inner(int n) {
    const int r = (int)getppid();
    sink = n;
    return r + n;
}

KEEP void on_signal(int sig) { sink = handler_inner(sig) + 1; }

int main(void) {
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    sink = 0;
    return 0;
}
