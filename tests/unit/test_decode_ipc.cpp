// SysV IPC, memfd_create and POSIX message queues.
#include "call_fixture.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>

using namespace trace;
using namespace trace::test;

namespace {

constexpr std::uint64_t kBuf = 0x2000;
constexpr std::uint64_t kName = 0x1000;

} // namespace

TEST_CASE("decode::ipc keys, flags and modes") {
    CHECK(Call("shmget", {IPC_PRIVATE, 4096, IPC_CREAT | 0600}).exit_with(3) ==
          "shmget(IPC_PRIVATE, 4096, IPC_CREAT|0600) = 3");
    CHECK(Call("shmget", {0x1234, 4096, IPC_CREAT | IPC_EXCL | 0644}).exit_with(1) ==
          "shmget(0x1234, 4096, IPC_CREAT|IPC_EXCL|0644) = 1");
    CHECK(Call("shmget", {0x1234, 0, 0}).exit_with(1) == "shmget(0x1234, 0, 000) = 1");
    CHECK(Call("msgget", {IPC_PRIVATE, IPC_CREAT | 0600}).exit_with(2) ==
          "msgget(IPC_PRIVATE, IPC_CREAT|0600) = 2");
    CHECK(Call("shmat", {3, 0, SHM_RDONLY}).exit_with(0x7000) == "shmat(3, NULL, SHM_RDONLY) = 0x7000");
    CHECK(Call("semctl", {2, 0, SETVAL, 5}).exit_with(0) == "semctl(2, 0, SETVAL, 0x5) = 0");
    CHECK(Call("semctl", {2, 0, GETVAL, 0}).exit_with(1) == "semctl(2, 0, GETVAL, NULL) = 1");
    CHECK(Call("shmctl", {3, IPC_RMID, 0}).exit_with(0) == "shmctl(3, IPC_RMID, NULL) = 0");
}

TEST_CASE("decode::ipc control structures: out for IPC_STAT, in for IPC_SET") {
    struct shmid_ds ds {};
    ds.shm_perm.mode = 0600;
    ds.shm_segsz = 4096;
    ds.shm_cpid = 10;
    ds.shm_nattch = 1;
    Call stat("shmctl", {3, IPC_STAT, kBuf});
    stat.mem.map(kBuf, raw_bytes(ds));
    CHECK(stat.entry() == "shmctl(3, IPC_STAT, ");
    CHECK(stat.exit_with(0) ==
          "shmctl(3, IPC_STAT, {shm_perm={uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}, "
          "shm_segsz=4096, shm_cpid=10, shm_lpid=0, shm_nattch=1, shm_atime=0, shm_dtime=0, "
          "shm_ctime=0}) = 0");
    Call failed("shmctl", {3, IPC_STAT, kBuf});
    failed.mem.map(kBuf, raw_bytes(ds));
    CHECK(failed.exit_with(-EINVAL) == "shmctl(3, IPC_STAT, 0x2000) = -1");

    struct msqid_ds mds {};
    mds.msg_perm.mode = 0640;
    mds.msg_qbytes = 100;
    Call set("msgctl", {2, IPC_SET, kBuf});
    set.mem.map(kBuf, raw_bytes(mds));
    CHECK(set.exit_with(0) == "msgctl(2, IPC_SET, {msg_perm={uid=0, gid=0, mode=0640}, msg_qbytes=100}) = 0");
    Call unreadable("msgctl", {2, IPC_STAT, kBuf});
    CHECK(unreadable.exit_with(0) == "msgctl(2, IPC_STAT, 0x2000) = 0");
}

TEST_CASE("decode::semaphore operations") {
    const sembuf ops[2] = {{0, 1, 0}, {1, -1, IPC_NOWAIT | SEM_UNDO}};
    Call c("semop", {2, kBuf, 2});
    c.mem.map(kBuf, raw_bytes(ops));
    CHECK(c.exit_with(0) == "semop(2, [{sem_num=0, sem_op=1, sem_flg=0}, {sem_num=1, sem_op=-1, "
                            "sem_flg=SEM_UNDO|IPC_NOWAIT}], 2) = 0");
    Call cut("semop", {2, kBuf, 3});
    cut.mem.map(kBuf, raw_bytes(ops));
    CHECK(cut.exit_with(-EFAULT) == "semop(2, [{sem_num=0, sem_op=1, sem_flg=0}, {sem_num=1, sem_op=-1, "
                                    "sem_flg=SEM_UNDO|IPC_NOWAIT}, ... /* 0x200c */], 3) = -1");
    CHECK(Call("semop", {2, kBuf, 1}).exit_with(-EFAULT) == "semop(2, 0x2000, 1) = -1");
}

TEST_CASE("decode::messages: sent at entry, received at exit") {
    struct {
        long type;
        char text[8];
    } msg{1, "hello"};
    Call snd("msgsnd", {2, kBuf, 5, 0});
    snd.mem.map(kBuf, raw_bytes(msg));
    CHECK(snd.exit_with(0) == "msgsnd(2, {mtype=1, mtext=\"hello\"}, 5, 0) = 0");
    Call rcv("msgrcv", {2, kBuf, 8, 0, MSG_NOERROR | IPC_NOWAIT});
    rcv.mem.map(kBuf, raw_bytes(msg));
    CHECK(rcv.exit_with(5) ==
          "msgrcv(2, {mtype=1, mtext=\"hello\\0\\0\\0\"}, 8, 0, MSG_NOERROR|IPC_NOWAIT) = 5");
    Call none("msgrcv", {2, kBuf, 8, 2, IPC_NOWAIT});
    CHECK(none.exit_with(-ENOMSG) == "msgrcv(2, 0x2000, 8, 2, IPC_NOWAIT) = -1");
}

TEST_CASE("decode::memfd_create flags") {
    Call c("memfd_create", {kName, 3});
    c.mem.put_cstring(kName, "test");
    CHECK(c.exit_with(3) == "memfd_create(\"test\", MFD_CLOEXEC|MFD_ALLOW_SEALING) = 3");
    Call huge("memfd_create", {kName, 4 | (21u << 26)});
    huge.mem.put_cstring(kName, "y");
    CHECK(huge.exit_with(5) == "memfd_create(\"y\", MFD_HUGETLB|21<<MFD_HUGE_SHIFT) = 5");
    Call zero("memfd_create", {kName, 0});
    zero.mem.put_cstring(kName, "x");
    CHECK(zero.exit_with(4) == "memfd_create(\"x\", 0) = 4");
}

TEST_CASE("decode::mq_open: mode and attributes only with O_CREAT") {
    struct mq_attr attr {};
    attr.mq_maxmsg = 4;
    attr.mq_msgsize = 16;
    Call c("mq_open", {kName, O_RDWR | O_CREAT, 0600, kBuf});
    c.mem.put_cstring(kName, "q");
    c.mem.map(kBuf, raw_bytes(attr));
    CHECK(c.exit_with(6) ==
          "mq_open(\"q\", O_RDWR|O_CREAT, 0600, {mq_flags=0, mq_maxmsg=4, mq_msgsize=16, mq_curmsgs=0}) = 6");
    Call ro("mq_open", {kName, O_RDONLY, 0, 0});
    ro.mem.put_cstring(kName, "q");
    CHECK(ro.exit_with(-ENOENT) == "mq_open(\"q\", O_RDONLY) = -1");
    const unsigned prio = 1;
    Call r("mq_timedreceive", {6, kBuf + 0x100, 16, kBuf, 0});
    r.mem.map(kBuf, raw_bytes(prio));
    r.mem.map(kBuf + 0x100, "abc");
    CHECK(r.exit_with(3) == "mq_timedreceive(6, \"abc\", 16, [1], NULL) = 3");
}

TEST_CASE("decode::sigevent by its notification kind") {
    struct sigevent ev {};
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGUSR1;
    ev.sigev_value.sival_int = 7;
    Call c("mq_notify", {3, kBuf});
    c.mem.map(kBuf, raw_bytes(ev));
    CHECK(c.exit_with(0) == "mq_notify(3, {sigev_value={sival_int=7, sival_ptr=0x7}, sigev_signo=SIGUSR1, "
                            "sigev_notify=SIGEV_SIGNAL}) = 0");
    ev = {};
    ev.sigev_notify = SIGEV_NONE;
    Call none("mq_notify", {3, kBuf});
    none.mem.map(kBuf, raw_bytes(ev));
    CHECK(none.exit_with(0) == "mq_notify(3, {sigev_signo=0, sigev_notify=SIGEV_NONE}) = 0");
    CHECK(Call("mq_notify", {3, 0}).exit_with(0) == "mq_notify(3, NULL) = 0");
    // strace 7.2 (print_sigevent): the value whenever it is set, the signal by name only for the kinds
    // that send one; timer_create's id at exit.
    ev = {};
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGUSR1;
    Call unset("timer_create", {CLOCK_MONOTONIC, kBuf, kBuf + 0x100});
    unset.mem.map(kBuf, raw_bytes(ev));
    unset.mem.map(kBuf + 0x100, std::string(4, '\0'));
    CHECK(unset.exit_with(0) ==
          "timer_create(CLOCK_MONOTONIC, {sigev_signo=SIGUSR1, sigev_notify=SIGEV_SIGNAL}, [0]) = 0");
    ev.sigev_notify = SIGEV_NONE;
    ev.sigev_value.sival_int = 7;
    Call quiet("mq_notify", {3, kBuf});
    quiet.mem.map(kBuf, raw_bytes(ev));
    CHECK(quiet.exit_with(0) == "mq_notify(3, {sigev_value={sival_int=7, sival_ptr=0x7}, sigev_signo=10, "
                                "sigev_notify=SIGEV_NONE}) = 0");
    CHECK(Call("mq_notify", {3, 8}).exit_with(-EFAULT) == "mq_notify(3, 0x8) = -1");
    Call cut("mq_notify", {3, kBuf});
    cut.mem.map(kBuf, raw_bytes(ev).substr(0, 12));
    CHECK(cut.exit_with(-EFAULT) == "mq_notify(3, 0x2000) = -1");
}

TEST_CASE("decode::semctl's argument by command") {
    struct semid_ds ds {};
    ds.sem_perm.mode = 0600;
    ds.sem_nsems = 2;
    Call stat("semctl", {3, 0, IPC_STAT, kBuf});
    stat.mem.map(kBuf, raw_bytes(ds));
    CHECK(stat.exit_with(0) ==
          "semctl(3, 0, IPC_STAT, {sem_perm={uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}, "
          "sem_otime=0, sem_ctime=0, sem_nsems=2}) = 0");
    CHECK(Call("semctl", {3, 0, GETALL, kBuf}).exit_with(0) == "semctl(3, 0, GETALL, 0x2000) = 0");
    CHECK(Call("semctl", {3, 0, IPC_STAT, kBuf}).exit_with(-EINVAL) == "semctl(3, 0, IPC_STAT, 0x2000) = -1");
}
