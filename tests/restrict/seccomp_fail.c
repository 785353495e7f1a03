// seccomp_fail: runs a program under a seccomp filter that makes chosen syscalls fail with a chosen
// errno, to simulate the restrictions of containers and sandboxes on a normal machine.
//
//   seccomp_fail RULE... -- PROGRAM [ARGS...]
//   RULE: SYSCALL=ERRNO           every call of SYSCALL fails with ERRNO
//         SYSCALL:ARG0=ERRNO      only the calls whose first argument is ARG0 (e.g. a ptrace request)
//
// SYSCALL is a name from the table below or a number; ARG0 a ptrace request name or a number; ERRNO
// a name from the table below or a number. Example:
//   seccomp_fail process_vm_readv=EPERM ptrace:PTRACE_GET_SYSCALL_INFO=EIO -- trace ls
// The filter is inherited by every child and kept across execve (no_new_privs is set, so that it
// also works without privileges).
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <unistd.h>

struct Name {
    const char* name;
    long value;
};

static const struct Name kSyscalls[] = {
    {"process_vm_readv", SYS_process_vm_readv},
    {"process_vm_writev", SYS_process_vm_writev},
    {"ptrace", SYS_ptrace},
    {"seccomp", SYS_seccomp},
    {"prctl", SYS_prctl},
    {"wait4", SYS_wait4},
    {"openat", SYS_openat},
    {"kill", SYS_kill},
    {"tgkill", SYS_tgkill},
    {"setitimer", SYS_setitimer},
};

static const struct Name kRequests[] = {
    {"PTRACE_TRACEME", PTRACE_TRACEME},
    {"PTRACE_PEEKDATA", PTRACE_PEEKDATA},
    {"PTRACE_GETREGS", PTRACE_GETREGS},
    {"PTRACE_ATTACH", PTRACE_ATTACH},
    {"PTRACE_SEIZE", 0x4206},
    {"PTRACE_INTERRUPT", 0x4207},
    {"PTRACE_LISTEN", 0x4208},
    {"PTRACE_GETSIGINFO", PTRACE_GETSIGINFO},
    {"PTRACE_GETEVENTMSG", PTRACE_GETEVENTMSG},
    {"PTRACE_GET_SYSCALL_INFO", 0x420e},
};

static const struct Name kErrnos[] = {
    {"EPERM", EPERM}, {"ENOSYS", ENOSYS}, {"EIO", EIO},       {"EINVAL", EINVAL},
    {"EACCES", EACCES}, {"ESRCH", ESRCH}, {"EFAULT", EFAULT}, {"ENOMEM", ENOMEM},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_RULES 16

struct Rule {
    long nr;
    int has_arg0;
    unsigned long arg0;
    long err;
};

static void usage(const char* why) {
    fprintf(stderr, "seccomp_fail: %s\nusage: seccomp_fail SYSCALL[:ARG0]=ERRNO... -- PROGRAM [ARGS...]\n", why);
    exit(2);
}

static long lookup(const struct Name* names, size_t count, const char* text, const char* what) {
    for (size_t i = 0; i < count; ++i)
        if (strcmp(names[i].name, text) == 0)
            return names[i].value;
    char* end = NULL;
    const long value = strtol(text, &end, 0);
    if (*text == '\0' || *end != '\0') {
        fprintf(stderr, "seccomp_fail: unknown %s '%s'\n", what, text);
        exit(2);
    }
    return value;
}

static struct Rule parse_rule(char* text) {
    struct Rule rule = {0, 0, 0, 0};
    char* eq = strchr(text, '=');
    if (eq == NULL)
        usage("a rule needs '=ERRNO'");
    *eq = '\0';
    rule.err = lookup(kErrnos, COUNT(kErrnos), eq + 1, "errno");
    char* colon = strchr(text, ':');
    if (colon != NULL) {
        *colon = '\0';
        rule.has_arg0 = 1;
        rule.arg0 = (unsigned long)lookup(kRequests, COUNT(kRequests), colon + 1, "first argument");
    }
    rule.nr = lookup(kSyscalls, COUNT(kSyscalls), text, "syscall");
    return rule;
}

static struct sock_filter stmt(unsigned short code, unsigned k) {
    struct sock_filter f = {code, 0, 0, k};
    return f;
}

static struct sock_filter jump(unsigned short code, unsigned k, unsigned char jt, unsigned char jf) {
    struct sock_filter f = {code, jt, jf, k};
    return f;
}

int main(int argc, char** argv) {
    struct Rule rules[MAX_RULES];
    int nrules = 0;
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; ++i) {
        if (nrules == MAX_RULES)
            usage("too many rules");
        rules[nrules++] = parse_rule(argv[i]);
    }
    if (i >= argc - 1)
        usage("no program");
    char** command = argv + i + 1;

    // Per rule: load the number, compare; for an ARG0 rule compare both halves of args[0].
    struct sock_filter program[4 + MAX_RULES * 6];
    size_t n = 0;
    program[n++] = stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    program[n++] = jump(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
    program[n++] = stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    for (int r = 0; r < nrules; ++r) {
        const struct Rule* rule = &rules[r];
        const unsigned char skip = rule->has_arg0 ? 5 : 1; // to the next rule
        program[n++] = stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
        program[n++] = jump(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)rule->nr, 0, skip);
        if (rule->has_arg0) {
            program[n++] = stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]));
            program[n++] = jump(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)(rule->arg0 & 0xffffffffu), 0, 3);
            program[n++] = stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]) + 4);
            program[n++] = jump(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)(rule->arg0 >> 32), 0, 1);
        }
        program[n++] = stmt(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((unsigned)rule->err & SECCOMP_RET_DATA));
    }
    program[n++] = stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);

    struct sock_fprog prog = {(unsigned short)n, program};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        perror("seccomp_fail: prctl(PR_SET_NO_NEW_PRIVS)");
        return 126;
    }
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) {
        perror("seccomp_fail: seccomp");
        return 126;
    }
    execvp(command[0], command);
    fprintf(stderr, "seccomp_fail: %s: %s\n", command[0], strerror(errno));
    return 127;
}
