#include "trace/engine/process_memory.hpp"

#include <cerrno>
#include <cstring>
#include <sys/ptrace.h>
#include <sys/uio.h>

namespace trace {

std::size_t ProcessMemory::read(std::uint64_t addr, std::span<std::byte> out) {
    if (out.empty()) return 0;
    if (m_use_vm_readv) {
        errno = 0;
        const std::size_t n = read_vm(addr, out);
        if (n > 0 || (errno != EPERM && errno != ENOSYS)) return n;
        m_use_vm_readv = false; // refused outright: this kernel or sandbox wants PTRACE_PEEKDATA
    }
    return read_peek(addr, out);
}

namespace {

ssize_t vm_read(pid_t pid, std::uint64_t addr, std::byte* out, std::size_t len) {
    iovec local{out, len};
    iovec remote{reinterpret_cast<void*>(addr), len};
    return process_vm_readv(pid, &local, 1, &remote, 1, 0);
}

} // namespace

// One call for the whole range; where it stops short (unmapped memory), page by page from there so
// that everything readable before the hole is returned.
std::size_t ProcessMemory::read_vm(std::uint64_t addr, std::span<std::byte> out) {
    constexpr std::uint64_t page = 4096;
    const ssize_t n = vm_read(m_pid, addr, out.data(), out.size());
    if (n == static_cast<ssize_t>(out.size())) return out.size();
    if (n < 0 && errno != EFAULT) return 0;
    std::size_t done = n > 0 ? static_cast<std::size_t>(n) : 0;
    while (done < out.size()) {
        const std::uint64_t at = addr + done;
        const std::size_t chunk = std::min<std::size_t>(out.size() - done, page - (at % page));
        const ssize_t m = vm_read(m_pid, at, out.data() + done, chunk);
        if (m <= 0) break;
        done += static_cast<std::size_t>(m);
        if (static_cast<std::size_t>(m) < chunk) break;
    }
    errno = 0;
    return done;
}

std::size_t ProcessMemory::read_peek(std::uint64_t addr, std::span<std::byte> out) {
    std::size_t done = 0;
    while (done < out.size()) {
        const std::uint64_t at = addr + done;
        const std::uint64_t aligned = at & ~std::uint64_t{7};
        errno = 0;
        const long word = ptrace(PTRACE_PEEKDATA, m_pid, reinterpret_cast<void*>(aligned), nullptr);
        if (word == -1 && errno != 0) break;
        const std::size_t skip = at - aligned;
        const std::size_t take = std::min<std::size_t>(8 - skip, out.size() - done);
        std::memcpy(out.data() + done, reinterpret_cast<const std::byte*>(&word) + skip, take);
        done += take;
    }
    return done;
}

} // namespace trace
