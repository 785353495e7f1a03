#include "trace/engine/seccomp_filter.hpp"

#include <array>
#include <cerrno>
#include <climits>
#include <cstddef>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace trace {
namespace {

sock_filter stmt(unsigned short code, unsigned k) {
    return sock_filter{code, 0, 0, k};
}
sock_filter jump(unsigned short code, unsigned k, unsigned char jt, unsigned char jf) {
    return sock_filter{code, jt, jf, k};
}

struct Range {
    unsigned first;
    unsigned last;
};

std::vector<Range> traced_ranges(const std::vector<bool>& traced, bool trace_unknown) {
    std::vector<Range> ranges;
    for (std::size_t nr = 0; nr < traced.size(); ++nr) {
        if (!traced[nr]) continue;
        const auto n = static_cast<unsigned>(nr);
        if (!ranges.empty() && ranges.back().last + 1 == n) {
            ranges.back().last = n;
        } else {
            ranges.push_back({n, n});
        }
    }
    if (trace_unknown) {
        const auto limit = static_cast<unsigned>(traced.size());
        if (!ranges.empty() && ranges.back().last + 1 == limit) {
            ranges.back().last = UINT_MAX;
        } else {
            ranges.push_back({limit, UINT_MAX});
        }
    }
    return ranges;
}

} // namespace

std::vector<sock_filter> build_seccomp_filter(const std::vector<bool>& traced, bool trace_unknown) {
    std::vector<sock_filter> p;
    p.push_back(stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)));
    p.push_back(jump(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0));
    p.push_back(stmt(BPF_RET | BPF_K, SECCOMP_RET_TRACE | kTraceFilterData)); // 32-bit calls: always shown
    p.push_back(stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)));
    // One short block per range of traced numbers, so every jump stays within BPF's 8-bit offsets.
    for (const Range& r : traced_ranges(traced, trace_unknown)) {
        p.push_back(jump(BPF_JMP | BPF_JGE | BPF_K, r.first, 0, 2)); // below: next range
        p.push_back(jump(BPF_JMP | BPF_JGT | BPF_K, r.last, 1, 0));  // above: next range
        p.push_back(stmt(BPF_RET | BPF_K, SECCOMP_RET_TRACE | kTraceFilterData));
    }
    p.push_back(stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
    return p;
}

int install_seccomp_filter(const std::vector<sock_filter>& program, bool may_set_nnp) {
    sock_fprog prog{static_cast<unsigned short>(program.size()), const_cast<sock_filter*>(program.data())};
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) == 0) return 0;
    if (errno != EACCES || !may_set_nnp) return errno;
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return errno;
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) == 0) return 0;
    return errno;
}

} // namespace trace

namespace trace {

bool seccomp_filter_invisible() {
    if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1) return true;
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    std::array<__user_cap_data_struct, _LINUX_CAPABILITY_U32S_3> data{};
    if (syscall(SYS_capget, &header, data.data()) != 0) return false;
    return (data[CAP_SYS_ADMIN / 32].effective & (1u << (CAP_SYS_ADMIN % 32))) != 0;
}

} // namespace trace
