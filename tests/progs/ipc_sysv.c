// SysV shared memory, semaphores and messages; memfd_create; a POSIX message queue.
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

struct message {
    long mtype;
    char mtext[8];
};

int main(void) {
    int shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    void* p = shmat(shm, NULL, SHM_RDONLY);
    shmdt(p);
    shmctl(shm, IPC_RMID, NULL);
    int sem = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    struct sembuf ops[2] = {{0, 1, 0}, {1, -1, IPC_NOWAIT | SEM_UNDO}};
    syscall(SYS_semop, sem, ops, 2);
    semctl(sem, 0, GETVAL);
    semctl(sem, 0, SETVAL, 5);
    semctl(sem, 0, IPC_RMID);
    int mq = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    struct message m = {1, "hello"};
    msgsnd(mq, &m, 5, 0);
    msgrcv(mq, &m, sizeof m.mtext, 0, 0);
    msgrcv(mq, &m, sizeof m.mtext, 2, IPC_NOWAIT | MSG_NOERROR);
    msgctl(mq, IPC_RMID, NULL);
    memfd_create("memfd", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    char name[64];
    snprintf(name, sizeof name, "/trace-test-%d", getpid());
    struct mq_attr attr = {.mq_maxmsg = 4, .mq_msgsize = 16};
    mqd_t q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    mq_send(q, "abc", 3, 1);
    char buf[16];
    unsigned prio;
    mq_receive(q, buf, sizeof buf, &prio);
    struct mq_attr old;
    mq_getattr(q, &old);
    mq_close(q);
    mq_unlink(name);
    return 0;
}
