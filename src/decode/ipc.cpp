// SysV IPC (shm, sem, msg), memfd_create and POSIX message queues.
#include "trace/decode/ipc.hpp"

#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"

#include <fcntl.h>

namespace trace {

namespace {

// The kernel's struct ipc64_perm on x86-64.
struct IpcPerm {
    std::int32_t key;
    std::uint32_t uid;
    std::uint32_t gid;
    std::uint32_t cuid;
    std::uint32_t cgid;
    std::uint32_t mode;
    std::uint16_t seq;
    std::uint16_t pad;
    std::uint64_t unused[2];
};
static_assert(sizeof(IpcPerm) == 48);

struct ShmidDs {
    IpcPerm perm;
    std::uint64_t segsz;
    std::int64_t atime;
    std::int64_t dtime;
    std::int64_t ctime;
    std::int32_t cpid;
    std::int32_t lpid;
    std::uint64_t nattch;
    std::uint64_t unused[2];
};
static_assert(sizeof(ShmidDs) == 112);

struct MsqidDs {
    IpcPerm perm;
    std::int64_t stime;
    std::int64_t rtime;
    std::int64_t ctime;
    std::uint64_t cbytes;
    std::uint64_t qnum;
    std::uint64_t qbytes;
    std::int32_t lspid;
    std::int32_t lrpid;
    std::uint64_t unused[2];
};
static_assert(sizeof(MsqidDs) == 120);

struct SemidDs {
    IpcPerm perm;
    std::int64_t otime;
    std::uint64_t unused1;
    std::int64_t ctime;
    std::uint64_t unused2;
    std::uint64_t nsems;
    std::uint64_t unused3[2];
};
static_assert(sizeof(SemidDs) == 104);

struct Sembuf {
    std::uint16_t num;
    std::int16_t op;
    std::int16_t flg;
};

struct Sigevent {
    std::uint64_t value;
    std::int32_t signo;
    std::int32_t notify;
    std::uint64_t function_or_tid; // the thread id in the low 32 bits for SIGEV_THREAD_ID
    std::uint64_t attributes;
    std::uint64_t pad[4];
};
static_assert(sizeof(Sigevent) == 64);

struct MqAttr {
    std::int64_t flags;
    std::int64_t maxmsg;
    std::int64_t msgsize;
    std::int64_t curmsgs;
    std::int64_t pad[4];
};

constexpr std::uint32_t kIpcStat = 2, kIpcSet = 1, kShmStat = 13, kShmStatAny = 15, kMsgStat = 11,
                        kMsgStatAny = 13;
constexpr std::uint32_t kSemStat = 18, kSemStatAny = 20, kSetVal = 16;
constexpr std::uint32_t kIpc64 = 0x100;
constexpr std::uint32_t kModeBits = 0777;
constexpr unsigned kMfdHugeShift = 26;
constexpr std::uint32_t kMfdHugeMask = 0x3fu << kMfdHugeShift;
constexpr std::uint64_t kMaxSembufs = 1024;

// %#o: 0600, and 0 for 0.
Value octal_mode(std::uint32_t mode) {
    return Value::octal(mode);
}

Value perm_value(const IpcPerm& p, bool settable_only) {
    Value v = Value::structure();
    v.add("uid", Value::unsigned_int(p.uid));
    v.add("gid", Value::unsigned_int(p.gid));
    v.add("mode", octal_mode(p.mode));
    if (settable_only) return v;
    v.add("key", Value::hex(static_cast<std::uint32_t>(p.key)));
    v.add("cuid", Value::unsigned_int(p.cuid));
    v.add("cgid", Value::unsigned_int(p.cgid));
    return v;
}

Value shmid_value(const ShmidDs& d, bool settable_only) {
    Value v = Value::structure();
    v.add("shm_perm", perm_value(d.perm, settable_only));
    if (settable_only) return v;
    v.add("shm_segsz", Value::unsigned_int(d.segsz));
    v.add("shm_cpid", Value::signed_int(d.cpid));
    v.add("shm_lpid", Value::signed_int(d.lpid));
    v.add("shm_nattch", Value::unsigned_int(d.nattch));
    v.add("shm_atime", Value::signed_int(d.atime));
    v.add("shm_dtime", Value::signed_int(d.dtime));
    v.add("shm_ctime", Value::signed_int(d.ctime));
    return v;
}

Value semid_value(const SemidDs& d, bool settable_only) {
    Value v = Value::structure();
    v.add("sem_perm", perm_value(d.perm, settable_only));
    if (settable_only) return v;
    v.add("sem_otime", Value::signed_int(d.otime));
    v.add("sem_ctime", Value::signed_int(d.ctime));
    v.add("sem_nsems", Value::unsigned_int(d.nsems));
    return v;
}

Value msqid_value(const MsqidDs& d, bool settable_only) {
    Value v = Value::structure();
    v.add("msg_perm", perm_value(d.perm, settable_only));
    if (settable_only) {
        v.add("msg_qbytes", Value::unsigned_int(d.qbytes));
        return v;
    }
    v.add("msg_stime", Value::signed_int(d.stime));
    v.add("msg_rtime", Value::signed_int(d.rtime));
    v.add("msg_ctime", Value::signed_int(d.ctime));
    v.add("msg_qnum", Value::unsigned_int(d.qnum));
    v.add("msg_qbytes", Value::unsigned_int(d.qbytes));
    v.add("msg_lspid", Value::signed_int(d.lspid));
    v.add("msg_lrpid", Value::signed_int(d.lrpid));
    return v;
}

// shmctl's and msgctl's buffer: read at exit for the STAT commands, at entry for IPC_SET (and shown at
// exit as it was), an address for the others.
template <typename T, typename Render>
Value ctl_buffer(const DecodeContext& ctx, int i, std::uint32_t stat_a, std::uint32_t stat_b, Render render) {
    const std::uint64_t addr = ctx.arg(i);
    const std::uint32_t cmd = low32(ctx.arg(i - 1)) & ~kIpc64;
    const bool stat = cmd == kIpcStat || cmd == stat_a || cmd == stat_b;
    T d{};
    if (cmd == kIpcSet) {
        if (ctx.call.exiting) {
            const Value* before = ctx.entry_value(i);
            return before != nullptr ? *before : Value::address(addr);
        }
        if (addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, d)) return Value::address(addr);
        return render(d, true);
    }
    if (!stat || !ctx.call.exiting || ctx.call.failed) return Value::address(addr);
    if (addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, d)) return Value::address(addr);
    return render(d, false);
}

Value mq_attr_value(const DecodeContext& ctx, std::uint64_t addr) {
    MqAttr a{};
    if (addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, a)) return Value::address(addr);
    Value v = Value::structure();
    v.add("mq_flags", flags_value(flagsets::open_flags, static_cast<std::uint64_t>(a.flags), "O_???"));
    v.add("mq_maxmsg", Value::signed_int(a.maxmsg));
    v.add("mq_msgsize", Value::signed_int(a.msgsize));
    v.add("mq_curmsgs", Value::signed_int(a.curmsgs));
    return v;
}

Value msgbuf_value(const DecodeContext& ctx, std::uint64_t addr, std::uint64_t size) {
    std::int64_t type = 0;
    if (addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, type)) return Value::address(addr);
    Value v = Value::structure();
    v.add("mtype", Value::signed_int(type));
    v.add("mtext", buffer_at(ctx.mem, addr + sizeof type, size, ctx.opts.string_limit));
    return v;
}

constexpr std::int32_t kSigevSignal = 0, kSigevThread = 2, kSigevThreadId = 4;

} // namespace

Value decode_ipc_key(const DecodeContext& ctx, int i) {
    const std::uint32_t key = low32(ctx.arg(i));
    if (key == 0) return Value::symbol("IPC_PRIVATE", 0);
    return Value::hex(key);
}

Value decode_ipc_get_flags(const DecodeContext& ctx, int i) {
    const std::uint32_t flags = low32(ctx.arg(i));
    Value v = Value::flags(flags);
    const std::uint64_t rest = add_flag_names(v, flagsets::ipc_get_flags, flags & ~kModeBits);
    if (rest != 0) v.push(Value::hex(rest));
    v.push(Value::octal(flags & kModeBits).with_width(3));
    return v;
}

Value decode_shmat_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::shmat_flags, low32(ctx.arg(i)), "SHM_???");
}

Value decode_shmctl_cmd(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::shmctl_cmds, low32(ctx.arg(i)) & ~kIpc64, "SHM_???");
}

Value decode_semctl_cmd(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::semctl_cmds, low32(ctx.arg(i)) & ~kIpc64, "SEM_???");
}

Value decode_msgctl_cmd(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::msgctl_cmds, low32(ctx.arg(i)) & ~kIpc64, "MSG_???");
}

Value decode_shmid_ds(const DecodeContext& ctx, int i) {
    return ctl_buffer<ShmidDs>(ctx, i, kShmStat, kShmStatAny, shmid_value);
}

Value decode_msqid_ds(const DecodeContext& ctx, int i) {
    return ctl_buffer<MsqidDs>(ctx, i, kMsgStat, kMsgStatAny, msqid_value);
}

// The array in one read: [{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}], at most -s elements unless -v.
Value decode_sembufs(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    const std::uint64_t count = low32(ctx.arg(i + 1));
    if (addr == 0 || !ctx.deref()) return Value::address(addr);
    const std::uint64_t shown =
        std::min(ctx.abbrev() ? std::min<std::uint64_t>(count, ctx.opts.string_limit) : count, kMaxSembufs);
    std::vector<Sembuf> ops(static_cast<std::size_t>(shown));
    const std::size_t got = ctx.mem.read(addr, std::as_writable_bytes(std::span(ops))) / sizeof(Sembuf);
    if (got == 0 && shown > 0) return Value::address(addr);
    Value v = Value::array();
    for (std::size_t k = 0; k < got; ++k) {
        Value op = Value::structure();
        op.add("sem_num", Value::unsigned_int(ops[k].num));
        op.add("sem_op", Value::signed_int(ops[k].op));
        op.add("sem_flg",
               flags_value(flagsets::sem_flags, static_cast<std::uint16_t>(ops[k].flg), "SEM_???"));
        v.push(std::move(op));
    }
    if (got < shown)
        v.push(Value::more_at(addr + got * sizeof(Sembuf)));
    else if (shown < count)
        v.truncated = true;
    return v;
}

Value decode_msgbuf_in(const DecodeContext& ctx, int i) {
    return msgbuf_value(ctx, ctx.arg(i), ctx.arg(i + 1));
}

Value decode_msgbuf_out(const DecodeContext& ctx, int i) {
    if (!ctx.call.exiting || ctx.call.failed) return Value::address(ctx.arg(i));
    return msgbuf_value(ctx, ctx.arg(i), ctx.arg(i + 1));
}

Value decode_ipc_msg_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::ipc_msg_flags, low32(ctx.arg(i)), "MSG_???");
}

Value decode_memfd_flags(const DecodeContext& ctx, int i) {
    const std::uint32_t flags = low32(ctx.arg(i));
    if (flags == 0) return Value::hex(0);
    Value v = Value::flags(flags);
    const std::uint64_t rest = add_flag_names(v, flagsets::memfd_flags, flags & ~kMfdHugeMask);
    if (rest != 0) v.push(Value::hex(rest));
    if (const std::uint32_t huge = flags & kMfdHugeMask; huge != 0)
        v.push(Value::operation(Value::unsigned_int(huge >> kMfdHugeShift), "<<",
                                Value::name("MFD_HUGE_SHIFT")));
    return v;
}

Value decode_mq_attr(const DecodeContext& ctx, int i) {
    return mq_attr_value(ctx, ctx.arg(i));
}

Value decode_mq_attr_open(const DecodeContext& ctx, int i) {
    for (int j = 0; j < ctx.call.entry->nargs; ++j)
        if (ctx.spec(j).kind == ArgKind::open_flags && (low32(ctx.arg(j)) & O_CREAT) == 0)
            return Value::omit();
    return mq_attr_value(ctx, ctx.arg(i));
}

Value decode_uint_ptr(const DecodeContext& ctx, int i) {
    std::uint32_t n = 0;
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0 || !ctx.mem.read_object(addr, n)) return Value::address(addr);
    Value v = Value::array();
    v.push(Value::unsigned_int(n));
    return v;
}

// {sigev_value={sival_int=7, sival_ptr=0x7}, sigev_signo=SIGUSR1, sigev_notify=SIGEV_SIGNAL}
Value decode_sigevent(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    Sigevent ev{};
    if (addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, ev)) return Value::address(addr);
    Value v = Value::structure();
    if (ev.value != 0) { // strace shows the value whenever it is set, whatever the notification
        Value value = Value::structure();
        value.add("sival_int",
                  Value::signed_int(static_cast<std::int32_t>(static_cast<std::uint32_t>(ev.value))));
        value.add("sival_ptr", Value::address(ev.value));
        v.add("sigev_value", std::move(value));
    }
    const bool signals =
        ev.notify == kSigevSignal || ev.notify == kSigevThread || ev.notify == kSigevThreadId;
    v.add("sigev_signo", signals && ev.signo != 0
                             ? signal_value(ev.signo)
                             : Value::unsigned_int(static_cast<std::uint32_t>(ev.signo)));
    v.add("sigev_notify",
          enum_value(flagsets::sigev_notify_kinds, static_cast<std::uint32_t>(ev.notify), "SIGEV_???"));
    if (ev.notify == kSigevThreadId) {
        v.add("sigev_notify_thread_id", Value::signed_int(static_cast<std::int32_t>(ev.function_or_tid)));
    } else if (ev.notify == kSigevThread) {
        v.add("sigev_notify_function", Value::address(ev.function_or_tid));
        v.add("sigev_notify_attributes", Value::address(ev.attributes));
    }
    return v;
}

// The union semun: a struct semid_ds for the IPC commands, the value for SETVAL, else the pointer.
Value decode_semun(const DecodeContext& ctx, int i) {
    const std::uint32_t cmd = low32(ctx.arg(i - 1)) & ~kIpc64;
    if (cmd == kIpcStat || cmd == kIpcSet || cmd == kSemStat || cmd == kSemStatAny)
        return ctl_buffer<SemidDs>(ctx, i, kSemStat, kSemStatAny, semid_value);
    if (cmd == kSetVal) return Value::hex(ctx.arg(i));
    return Value::address(ctx.arg(i));
}

} // namespace trace
