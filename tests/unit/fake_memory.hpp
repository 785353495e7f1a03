#pragma once
// Fabricated tracee memory for decoder tests: readable regions at chosen addresses, holes between them.
#include "trace/decode/memory.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <map>
#include <span>
#include <string>
#include <string_view>

namespace trace::test {

class FakeMemory final : public RemoteMemory {
public:
    // Makes bytes readable at addr (regions must not overlap; adjacent ones read as one).
    void map(std::uint64_t addr, std::string_view bytes) { m_regions[addr] = std::string(bytes); }

    // A NUL-terminated copy of s at addr; returns addr.
    std::uint64_t put_cstring(std::uint64_t addr, std::string_view s) {
        std::string bytes(s);
        bytes.push_back('\0');
        map(addr, bytes);
        return addr;
    }

    // 8-byte little-endian pointers at addr.
    void put_pointers(std::uint64_t addr, std::initializer_list<std::uint64_t> ptrs) {
        std::string bytes;
        for (const std::uint64_t p : ptrs)
            bytes.append(reinterpret_cast<const char*>(&p), sizeof p);
        map(addr, bytes);
    }

    std::size_t read(std::uint64_t addr, std::span<std::byte> out) override {
        ++m_reads;
        std::size_t done = 0;
        while (done < out.size()) {
            const std::uint64_t at = addr + done;
            auto it = m_regions.upper_bound(at);
            if (it == m_regions.begin()) break;
            --it;
            const std::uint64_t start = it->first;
            const std::string& bytes = it->second;
            if (at >= start + bytes.size()) break; // a hole
            const std::size_t offset = static_cast<std::size_t>(at - start);
            const std::size_t n = std::min(out.size() - done, bytes.size() - offset);
            std::memcpy(out.data() + done, bytes.data() + offset, n);
            done += n;
        }
        return done;
    }

    int reads() const { return m_reads; }

private:
    std::map<std::uint64_t, std::string> m_regions;
    int m_reads = 0;
};

} // namespace trace::test
