// T threads each make N getppid() calls (nothing else calls it): a trace with -f -c must count
// exactly T * N. Exits with 0 when every thread got the same result every time.
//   stress_threads T N
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static long g_calls;
static atomic_long g_ppid;
static atomic_int g_bad;

static void* run(void* arg) {
    (void)arg;
    for (long i = 0; i < g_calls; ++i) {
        const long ppid = syscall(SYS_getppid);
        long expected = 0;
        if (!atomic_compare_exchange_strong(&g_ppid, &expected, ppid) && expected != ppid)
            atomic_store(&g_bad, 1);
    }
    return NULL;
}

int main(int argc, char** argv) {
    if (argc < 3)
        return 2;
    const int threads = atoi(argv[1]);
    g_calls = atol(argv[2]);
    pthread_t* ids = calloc((size_t)threads, sizeof *ids);
    for (int i = 0; i < threads; ++i)
        if (pthread_create(&ids[i], NULL, run, NULL) != 0)
            return 3;
    for (int i = 0; i < threads; ++i)
        pthread_join(ids[i], NULL);
    free(ids);
    return atomic_load(&g_bad);
}
