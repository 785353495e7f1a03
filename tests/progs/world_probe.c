// Prints, one "key: value" line each, what a process can observe of its world: identity and
// capabilities, seccomp and no_new_privs, signal dispositions and mask, CPU placement, limits, process
// group and session, descriptors, cwd, environment, personality, and whether raw syscalls (also under
// a filter of its own) behave. tests/invariance/invariance.py compares its output untraced and traced.
//
//   world_probe [run]       print the world, then that of a child (direct exec) and of a grandchild
//                           started through sh: lines prefixed "child." and "shchild."
//   world_probe child PFX   print the world with prefix PFX (what run's children do)
//   world_probe wait [ignore-term]
//                           print "ready: PID", then for each line L read on stdin print the world (and
//                           the children's) prefixed "L.", then "L.end"; exit at end of input. With
//                           ignore-term, SIGTERM is ignored first (a command that ignores it).
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

static char self_exe[4096];

static void line(const char* prefix, const char* key, const char* fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void line(const char* prefix, const char* key, const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    printf("%s%s: ", prefix, key);
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
}

static const char* errno_name(int err) {
    switch (err) {
    case 0:
        return "ok";
    case ENOSYS:
        return "ENOSYS";
    case EPERM:
        return "EPERM";
    case EACCES:
        return "EACCES";
    case ENOENT:
        return "ENOENT";
    case EINVAL:
        return "EINVAL";
    case ENXIO:
        return "ENXIO";
    case EAGAIN:
        return "EAGAIN";
    default: {
        static char buf[32];
        snprintf(buf, sizeof buf, "errno%d", err);
        return buf;
    }
    }
}

// The fields of /proc/self/status that describe the world (TracerPid for the harness, which leaves it
// out of the comparison but knows from it whether the process was traced when it printed).
static void status_fields(const char* prefix) {
    static const char* const keys[] = {
        "TracerPid",        "Uid",    "Gid",    "Groups",     "CapInh",  "CapPrm",
        "CapEff",           "CapBnd", "CapAmb", "NoNewPrivs", "Seccomp", "Seccomp_filters",
        "SigPnd",           "ShdPnd", "SigBlk", "SigIgn",     "SigCgt",  "Cpus_allowed_list",
        "Mems_allowed_list"};
    FILE* f = fopen("/proc/self/status", "re");
    if (!f) {
        line(prefix, "proc_status", "fopen: %s", errno_name(errno));
        return;
    }
    char buf[1024];
    while (fgets(buf, sizeof buf, f)) {
        char* colon = strchr(buf, ':');
        if (!colon) continue;
        *colon = '\0';
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; ++i) {
            if (strcmp(buf, keys[i]) != 0) continue;
            char* value = colon + 1;
            value += strspn(value, " \t");
            value[strcspn(value, "\n")] = '\0';
            for (char* p = value; *p; ++p)
                if (*p == '\t') *p = ' ';
            line(prefix, keys[i], "%s", value);
        }
    }
    fclose(f);
}

static void cpu_placement(const char* prefix) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0) {
        line(prefix, "affinity", "%s", errno_name(errno));
        return;
    }
    char list[1024] = "";
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
        if (CPU_ISSET(cpu, &set))
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%d", *list ? "," : "", cpu);
    line(prefix, "affinity", "%s", list);
    line(prefix, "nproc", "%d", CPU_COUNT(&set)); // what nproc(1) prints
    line(prefix, "nice", "%d", getpriority(PRIO_PROCESS, 0));
    struct sched_param param;
    sched_getparam(0, &param);
    line(prefix, "sched", "policy %d priority %d", sched_getscheduler(0), param.sched_priority);
    line(prefix, "ioprio", "%ld", syscall(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, 0));
}

static void signal_dispositions(const char* prefix) {
    char ignored[512] = "", caught[512] = "", blocked[512] = "";
    sigset_t mask;
    sigprocmask(SIG_BLOCK, NULL, &mask);
    for (int sig = 1; sig <= 64; ++sig) {
        struct sigaction sa;
        if (sigaction(sig, NULL, &sa) != 0) continue;
        char* list = sa.sa_handler == SIG_IGN ? ignored : sa.sa_handler == SIG_DFL ? NULL : caught;
        if (list) snprintf(list + strlen(list), 512 - strlen(list), " %d", sig);
        if (sigismember(&mask, sig) == 1)
            snprintf(blocked + strlen(blocked), 512 - strlen(blocked), " %d", sig);
    }
    line(prefix, "sigaction.ignored", "%s", ignored);
    line(prefix, "sigaction.caught", "%s", caught);
    line(prefix, "sigprocmask.blocked", "%s", blocked);
}

static void limits(const char* prefix) {
    static const char* const names[] = {"CPU",      "FSIZE",  "DATA",    "STACK", "CORE",  "RSS",
                                        "NPROC",    "NOFILE", "MEMLOCK", "AS",    "LOCKS", "SIGPENDING",
                                        "MSGQUEUE", "NICE",   "RTPRIO",  "RTTIME"};
    for (int r = 0; r < (int)(sizeof names / sizeof names[0]); ++r) {
        struct rlimit rl;
        char key[32];
        snprintf(key, sizeof key, "rlimit.%s", names[r]);
        if (getrlimit(r, &rl) != 0)
            line(prefix, key, "%s", errno_name(errno));
        else
            line(prefix, key, "%lld %lld", (long long)rl.rlim_cur, (long long)rl.rlim_max);
    }
    const mode_t mask = umask(0);
    umask(mask);
    line(prefix, "umask", "%03o", (unsigned)mask);
}

static void process_state(const char* prefix) {
    line(prefix, "prctl.dumpable", "%d", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
    int sig = -1;
    prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0);
    line(prefix, "prctl.pdeathsig", "%d", sig);
    int reaper = -1;
    prctl(PR_GET_CHILD_SUBREAPER, &reaper, 0, 0, 0);
    line(prefix, "prctl.child_subreaper", "%d", reaper);
    line(prefix, "prctl.keepcaps", "%d", prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0));
    line(prefix, "prctl.securebits", "%d", prctl(PR_GET_SECUREBITS, 0, 0, 0, 0));
    line(prefix, "prctl.timerslack", "%d", prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0));
    line(prefix, "prctl.thp_disable", "%d", prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0));
    line(prefix, "personality", "%#x", personality(0xffffffff));
    char buf[64] = "";
    FILE* f = fopen("/proc/self/oom_score_adj", "re");
    if (!f) snprintf(buf, sizeof buf, "fopen: %s", errno_name(errno));
    if (f) {
        if (!fgets(buf, sizeof buf, f)) buf[0] = '\0';
        buf[strcspn(buf, "\n")] = '\0';
        fclose(f);
    }
    line(prefix, "oom_score_adj", "%s", buf);
    // Numbers: the harness writes the pid of the process it started as "JOB".
    line(prefix, "pgid", "%d", (int)getpgid(0));
    line(prefix, "sid", "%d", (int)getsid(0));
    const int tty = open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC);
    if (tty < 0) {
        line(prefix, "tty", "none (%s)", errno_name(errno));
    } else {
        line(prefix, "tty", "foreground %s", tcgetpgrp(tty) == getpgrp() ? "yes" : "no");
        close(tty);
    }
    char cwd[4096];
    line(prefix, "cwd", "%s", getcwd(cwd, sizeof cwd) ? cwd : errno_name(errno));
}

static int compare_strings(const void* a, const void* b) {
    return strcmp(*(const char* const*)a, *(const char* const*)b);
}

// The size of the environment, then every variable (sorted: the order is the caller's business).
static void environment(const char* prefix) {
    size_t count = 0, bytes = 0;
    for (char** e = environ; *e; ++e) {
        ++count;
        bytes += strlen(*e) + 1;
    }
    line(prefix, "environ", "%zu entries, %zu bytes", count, bytes);
    char** sorted = calloc(count + 1, sizeof *sorted);
    memcpy(sorted, environ, count * sizeof *sorted);
    qsort(sorted, count, sizeof *sorted, compare_strings);
    for (size_t i = 0; i < count; ++i) {
        const size_t name = strcspn(sorted[i], "=");
        printf("%senv.%.*s: %s\n", prefix, (int)name, sorted[i], sorted[i][name] ? sorted[i] + name + 1 : "");
    }
    free(sorted);
}

// Every open descriptor with its target (pipe and socket inodes left out: they differ between runs)
// and its open flags, except the one that lists them.
static void descriptors(const char* prefix) {
    DIR* d = opendir("/proc/self/fd");
    if (!d) {
        line(prefix, "fds", "opendir: %s", errno_name(errno));
        return;
    }
    int fds[256], count = 0;
    for (struct dirent* e; (e = readdir(d)) && count < 256;) {
        if (e->d_name[0] == '.') continue;
        const int fd = atoi(e->d_name);
        if (fd != dirfd(d)) fds[count++] = fd;
    }
    closedir(d);
    for (int i = 0; i < count; ++i) // readdir's order is the numeric one for /proc/self/fd; sort anyway
        for (int j = i + 1; j < count; ++j)
            if (fds[j] < fds[i]) {
                const int t = fds[i];
                fds[i] = fds[j];
                fds[j] = t;
            }
    for (int i = 0; i < count; ++i) {
        char path[64], target[4096];
        snprintf(path, sizeof path, "/proc/self/fd/%d", fds[i]);
        const ssize_t n = readlink(path, target, sizeof target - 1);
        target[n < 0 ? 0 : n] = '\0';
        char* bracket = strchr(target, '[');
        if (bracket && (!strncmp(target, "pipe:", 5) || !strncmp(target, "socket:", 7)))
            strcpy(bracket, "[]");
        if (!strncmp(target, "/dev/pts/", 9)) strcpy(target + 9, "N"); // a new terminal each run
        const int flags = fcntl(fds[i], F_GETFL);
        const int fdflags = fcntl(fds[i], F_GETFD);
        char key[32];
        snprintf(key, sizeof key, "fd.%d", fds[i]);
        line(prefix, key, "%s flags %#o%s", target, flags, fdflags & FD_CLOEXEC ? " cloexec" : "");
    }
}

// Raw syscalls, bypassing libc, that trace's filter would stop at or let through: none may fail.
static void raw_syscalls(const char* prefix) {
    struct utsname u;
    struct stat st;
    char buf[4096];
    errno = 0;
    line(prefix, "syscall.getppid", "%s", syscall(SYS_getppid) > 0 ? "ok" : errno_name(errno));
    line(prefix, "syscall.getuid", "%s", syscall(SYS_getuid) >= 0 ? "ok" : errno_name(errno));
    line(prefix, "syscall.uname", "%s", syscall(SYS_uname, &u) == 0 ? "ok" : errno_name(errno));
    line(prefix, "syscall.getcwd", "%s", syscall(SYS_getcwd, buf, sizeof buf) > 0 ? "ok" : errno_name(errno));
    const long fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY | O_CLOEXEC);
    line(prefix, "syscall.openat", "%s", fd >= 0 ? "ok" : errno_name(errno));
    if (fd >= 0) {
        line(prefix, "syscall.fstat", "%s", syscall(SYS_fstat, fd, &st) == 0 ? "ok" : errno_name(errno));
        line(prefix, "syscall.read", "%s", syscall(SYS_read, fd, buf, 1) == 0 ? "ok" : errno_name(errno));
        line(prefix, "syscall.close", "%s", syscall(SYS_close, fd) == 0 ? "ok" : errno_name(errno));
    } else {
        line(prefix, "syscall.fstat", "not run: openat failed");
        line(prefix, "syscall.read", "not run: openat failed");
        line(prefix, "syscall.close", "not run: openat failed");
    }
    line(prefix, "syscall.write", "%s", syscall(SYS_write, 1, buf, 0) == 0 ? "ok" : errno_name(errno));
}

// A filter of the program's own, installed in a forked child: SECCOMP_RET_TRACE for `nr` and allow the
// rest. Untraced (and under a tracer that did not ask for seccomp stops) the call fails with ENOSYS.
static void own_filter(const char* prefix, const char* name, long nr) {
    fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        struct sock_filter code[] = {
            BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 1),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | 7),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        };
        struct sock_fprog prog = {.len = sizeof code / sizeof code[0], .filter = code};
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) _exit(100);
        if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) _exit(101);
        errno = 0;
        const long r = nr == SYS_openat ? syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY) : syscall(nr);
        _exit(r >= 0 ? 0 : errno > 0 && errno < 100 ? errno : 99);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        line(prefix, name, "fork: %s", errno_name(errno));
    } else if (!WIFEXITED(status)) {
        line(prefix, name, "killed by signal %d", WTERMSIG(status));
    } else if (WEXITSTATUS(status) >= 99) {
        line(prefix, name, "setup failed (%d)", WEXITSTATUS(status));
    } else {
        line(prefix, name, "%s", errno_name(WEXITSTATUS(status)));
    }
}

static void print_world(const char* prefix) {
    status_fields(prefix);
    cpu_placement(prefix);
    signal_dispositions(prefix);
    limits(prefix);
    process_state(prefix);
    environment(prefix);
    descriptors(prefix);
    raw_syscalls(prefix);
    own_filter(prefix, "own_filter.trace_getppid", SYS_getppid);
    own_filter(prefix, "own_filter.trace_openat", SYS_openat);
    fflush(stdout);
}

// A child of this process that prints its world: exec'd directly, or started by a shell that forks it.
static void spawn(const char* prefix, const char* name, int through_sh) {
    char child_prefix[256];
    snprintf(child_prefix, sizeof child_prefix, "%s%s.", prefix, name);
    fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        if (through_sh)
            execl("/bin/sh", "sh", "-c", "\"$0\" child \"$1\"; exit $?", self_exe, child_prefix, (char*)NULL);
        else
            execl(self_exe, "world_probe", "child", child_prefix, (char*)NULL);
        _exit(127);
    }
    int status = 0;
    char key[300];
    snprintf(key, sizeof key, "spawned.%s", name);
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        line(prefix, key, "fork: %s", errno_name(errno));
    else if (WIFEXITED(status))
        line(prefix, key, "exited %d", WEXITSTATUS(status));
    else
        line(prefix, key, "killed by signal %d", WTERMSIG(status));
    fflush(stdout);
}

static void print_family(const char* prefix) {
    print_world(prefix);
    spawn(prefix, "child", 0);
    spawn(prefix, "shchild", 1);
}

int main(int argc, char** argv) {
    const ssize_t n = readlink("/proc/self/exe", self_exe, sizeof self_exe - 1);
    if (n <= 0) return 2;
    self_exe[n] = '\0';
    const char* mode = argc > 1 ? argv[1] : "run";
    if (!strcmp(mode, "run")) {
        print_family("");
        return 0;
    }
    if (!strcmp(mode, "child") && argc > 2) {
        print_world(argv[2]);
        return 0;
    }
    if (!strcmp(mode, "wait")) {
        if (argc > 2 && !strcmp(argv[2], "ignore-term")) signal(SIGTERM, SIG_IGN);
        printf("ready: %d\n", (int)getpid());
        fflush(stdout);
        char label[200];
        while (fgets(label, sizeof label, stdin)) {
            label[strcspn(label, "\n")] = '\0';
            char prefix[210];
            snprintf(prefix, sizeof prefix, "%s.", label);
            print_family(prefix);
            printf("%send\n", prefix);
            fflush(stdout);
        }
        return 0;
    }
    fprintf(stderr, "usage: world_probe [run | child PREFIX | wait [ignore-term]]\n");
    return 2;
}
