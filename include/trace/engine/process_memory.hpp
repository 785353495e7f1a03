#pragma once
// RemoteMemory for a traced thread: process_vm_readv, falling back to PTRACE_PEEKDATA where the
// kernel or a sandbox refuses it (EPERM, ENOSYS).
#include "trace/decode/memory.hpp"

#include <sys/types.h>

namespace trace {

class ProcessMemory final : public RemoteMemory {
public:
    explicit ProcessMemory(bool use_vm_readv = true) : m_use_vm_readv(use_vm_readv) {}
    void set_pid(pid_t pid) { m_pid = pid; }
    std::size_t read(std::uint64_t addr, std::span<std::byte> out) override;
    bool using_vm_readv() const { return m_use_vm_readv; }

private:
    std::size_t read_vm(std::uint64_t addr, std::span<std::byte> out);
    std::size_t read_peek(std::uint64_t addr, std::span<std::byte> out);

    pid_t m_pid = 0;
    bool m_use_vm_readv;
};

} // namespace trace
