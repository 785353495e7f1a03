// -k with threads and exec: two threads call thread_body -> thread_inner -> getppid(); then the
// program runs itself again ("stack_threads again"), where main -> after_exec -> getppid().
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#define KEEP __attribute__((noinline))

static volatile int sink;

KEEP int thread_inner(int n) {
    const int r = (int)getppid();
    sink = n;
    return r + n;
}

KEEP void* thread_body(void* arg) {
    sink = thread_inner(arg == NULL);
    return NULL;
}

KEEP int after_exec(int n) {
    const int r = (int)getppid();
    sink = n;
    return r + n;
}

int main(int argc, char** argv) {
    if (argc > 1 && strcmp(argv[1], "again") == 0) {
        sink = after_exec(argc);
        return 0;
    }
    // One thread at a time: each one's stack is printed whole, without interleaving.
    for (int i = 0; i < 2; ++i) {
        pthread_t t;
        pthread_create(&t, NULL, thread_body, NULL);
        pthread_join(t, NULL);
    }
    execl("/proc/self/exe", "stack_threads", "again", (char*)NULL);
    return 1;
}
