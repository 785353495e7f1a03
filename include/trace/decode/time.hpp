#pragma once
// Times and clocks: timespec, timeval, itimerval, itimerspec, tms, timezone, clock ids; nanosleep,
// clock_*, setitimer/getitimer, times, time, gettimeofday and the timerfd calls.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

#include <cstdint>
#include <ctime>
#include <sys/time.h>

namespace trace {

// {tv_sec=1, tv_nsec=500}
Value timespec_value(const timespec& ts);
// {tv_sec=1, tv_usec=500}
Value timeval_value(const timeval& tv);
// The struct at addr, NULL for 0, or the address when it cannot be read.
Value timespec_at(RemoteMemory& mem, std::uint64_t addr);
Value timeval_at(RemoteMemory& mem, std::uint64_t addr);

// The ArgKind decoders (registered in src/decode/registry.cpp).
Value decode_timespec(const DecodeContext& ctx, int i);
Value decode_timeval(const DecodeContext& ctx, int i);
Value decode_itimerval(const DecodeContext& ctx, int i);
Value decode_itimerspec(const DecodeContext& ctx, int i);
// nanosleep's and clock_nanosleep's remaining time: shown only when a signal cut the call (a restart
// error) and, for clock_nanosleep, the time was relative; else the address.
Value decode_rem_timespec(const DecodeContext& ctx, int i);
Value decode_timezone(const DecodeContext& ctx, int i);
Value decode_tms(const DecodeContext& ctx, int i);
// time(2)'s output: [1795923891 /* 2026-11-29T03:44:51+0000 */]; the return value gets the date too.
Value decode_time_ptr(const DecodeContext& ctx, int i);
Value decode_clockid(const DecodeContext& ctx, int i);
Value decode_itimer_which(const DecodeContext& ctx, int i);
Value decode_timer_flags(const DecodeContext& ctx, int i);   // TIMER_ABSTIME
Value decode_timerfd_flags(const DecodeContext& ctx, int i); // TFD_CLOEXEC|TFD_NONBLOCK, TFD_TIMER_ABSTIME

} // namespace trace
