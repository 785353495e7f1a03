#pragma once
// Which calls are "empty polls": poll, ppoll, select, pselect6, epoll_wait, epoll_pwait and
// epoll_pwait2 that returned 0, i.e. timed out with no descriptor ready (--hide-empty-polls).
#include "trace/events/events.hpp"

namespace trace {

// poll, ppoll, select, pselect6, epoll_wait, epoll_pwait, epoll_pwait2.
bool is_poll_family(const SyscallEntry* entry);

// A finished call of the poll family that returned 0 without an error.
bool is_empty_poll(const SyscallEvent& e);

} // namespace trace
