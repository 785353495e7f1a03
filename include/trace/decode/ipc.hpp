#pragma once
// Decoders of the IPC family: SysV shared memory, semaphores and message queues (keys, flags, commands,
// their structures), memfd_create's flags and POSIX message queue attributes.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

namespace trace {

Value decode_ipc_key(const DecodeContext& ctx, int i);       // IPC_PRIVATE or 0x1234
Value decode_ipc_get_flags(const DecodeContext& ctx, int i); // IPC_CREAT|IPC_EXCL|0600
Value decode_shmat_flags(const DecodeContext& ctx, int i);
Value decode_shmctl_cmd(const DecodeContext& ctx, int i);
Value decode_semctl_cmd(const DecodeContext& ctx, int i);
Value decode_msgctl_cmd(const DecodeContext& ctx, int i);
Value decode_shmid_ds(const DecodeContext& ctx, int i);   // by the command before it: out, in or nothing
Value decode_msqid_ds(const DecodeContext& ctx, int i);   // the same for msgctl
Value decode_sembufs(const DecodeContext& ctx, int i);    // struct sembuf[count], count the next argument
Value decode_msgbuf_in(const DecodeContext& ctx, int i);  // {mtype=1, mtext="..."}, size the next argument
Value decode_msgbuf_out(const DecodeContext& ctx, int i); // msgrcv's, at exit
Value decode_ipc_msg_flags(const DecodeContext& ctx, int i);
Value decode_memfd_flags(const DecodeContext& ctx, int i); // MFD_CLOEXEC|MFD_HUGETLB|21<<MFD_HUGE_SHIFT
Value decode_mq_attr(const DecodeContext& ctx, int i);
Value decode_mq_attr_open(const DecodeContext& ctx, int i); // mq_open's: left out without O_CREAT
Value decode_uint_ptr(const DecodeContext& ctx, int i);     // [1], an unsigned int the kernel wrote
Value decode_sigevent(const DecodeContext& ctx, int i);     // struct sigevent (mq_notify, timer_create)
Value decode_semun(const DecodeContext& ctx, int i);        // semctl's argument, by the command before it

} // namespace trace
