#pragma once
// Waiting for descriptors: poll and ppoll (pollfd arrays, with the revents after the return value),
// select and pselect6 (fd sets before, the ready ones after), the epoll calls and eventfd2.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

#include <vector>

namespace trace {

// The ArgKind decoders (registered in src/decode/registry.cpp).
Value decode_epoll_ctl_op(const DecodeContext& ctx, int i);    // EPOLL_CTL_ADD...
Value decode_epoll_ctl_event(const DecodeContext& ctx, int i); // {events=EPOLLIN, data={u32=3, u64=3}}
Value decode_epoll_events(const DecodeContext& ctx, int i);    // epoll_wait's ready events, at exit
Value decode_epoll_flags(const DecodeContext& ctx, int i);     // EPOLL_CLOEXEC
Value decode_eventfd_flags(const DecodeContext& ctx, int i);   // EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK

// Whole-call decoders (src/decode/call_registry.cpp): their return values are followed by what is
// ready: "= 1 ([{fd=3, revents=POLLIN}])", "= 2 (in [3], out [4], left {...})", "= 0 (Timeout)".
int decode_poll(const DecodeContext& ctx, std::vector<Value>& values);
int decode_ppoll(const DecodeContext& ctx, std::vector<Value>& values);
int decode_select(const DecodeContext& ctx, std::vector<Value>& values);
int decode_pselect6(const DecodeContext& ctx, std::vector<Value>& values);

} // namespace trace
