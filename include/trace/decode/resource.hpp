#pragma once
// Resources and identity: rlimits, priorities, scheduling, uname, sysinfo, capabilities, user and
// group ids, getrandom's and pidfd_open's flags; prctl and arch_prctl.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

#include <cstdint>
#include <vector>

namespace trace {

// personality's argument: PER_LINUX|ADDR_NO_RANDOMIZE, 0xffffffff (the query) in hex.
Value decode_personality(const DecodeContext& ctx, int i);
// personality's return: the persona it had, in hex, named after it: "= 0x40000
// (PER_LINUX|ADDR_NO_RANDOMIZE)".
Value personality_return(const DecodeContext& ctx);

// 8192*1024, RLIM64_INFINITY, 1000: strace's rlim_t.
Value rlim_value(std::uint64_t lim);

// The ArgKind decoders (registered in src/decode/registry.cpp).
Value decode_rlimit_resource(const DecodeContext& ctx, int i); // RLIMIT_NOFILE
Value decode_rlimit(const DecodeContext& ctx, int i);          // {rlim_cur=..., rlim_max=...}
Value decode_priority_which(const DecodeContext& ctx, int i);  // PRIO_PROCESS
Value decode_sched_policy(const DecodeContext& ctx, int i);    // SCHED_FIFO
Value decode_sched_param(const DecodeContext& ctx, int i);     // [0]
Value decode_cpu_set(const DecodeContext& ctx, int i);         // [0 1], sized by the call (or its return)
Value decode_utsname(const DecodeContext& ctx, int i);
Value decode_sysinfo(const DecodeContext& ctx, int i);
Value decode_random_buf(const DecodeContext& ctx, int i); // getrandom's buffer, in \x escapes
Value decode_getrandom_flags(const DecodeContext& ctx, int i);
Value decode_pidfd_flags(const DecodeContext& ctx, int i);
Value decode_cap_header(const DecodeContext& ctx, int i); // {version=..., pid=0}
Value decode_cap_data(const DecodeContext& ctx, int i);   // {effective=1<<CAP_CHOWN|..., ...}
Value decode_uid(const DecodeContext& ctx, int i);        // -1 for (uid_t)-1, else unsigned
Value decode_uid_ptr(const DecodeContext& ctx, int i);    // getresuid's [0]
Value decode_gid_list(const DecodeContext& ctx, int i);   // getgroups' and setgroups' [0, 4]

// Whole-call decoders (src/decode/call_registry.cpp).
int decode_prctl(const DecodeContext& ctx, std::vector<Value>& values);
int decode_arch_prctl(const DecodeContext& ctx, std::vector<Value>& values);
int decode_sched_getscheduler(const DecodeContext& ctx, std::vector<Value>& values);

} // namespace trace
