// threads [T] [N]: T threads (default 4) each doing N/T getppid syscalls (N default 100000).
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { max_threads = 256 };

static void* worker(void* arg) {
    long n = *(const long*)arg;
    for (long i = 0; i < n; ++i)
        syscall(SYS_getppid);
    return NULL;
}

int main(int argc, char** argv) {
    long t = argc > 1 ? atol(argv[1]) : 4;
    long n = argc > 2 ? atol(argv[2]) : 100000;
    if (t < 1 || t > max_threads) {
        fprintf(stderr, "threads: T must be 1..%d\n", max_threads);
        return 2;
    }
    long per_thread = n / t;
    pthread_t ids[max_threads];
    for (long i = 0; i < t; ++i) {
        if (pthread_create(&ids[i], NULL, worker, &per_thread) != 0) {
            fprintf(stderr, "threads: pthread_create failed\n");
            return 1;
        }
    }
    for (long i = 0; i < t; ++i)
        pthread_join(ids[i], NULL);
    return 0;
}
