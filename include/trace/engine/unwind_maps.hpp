#pragma once
// A process's memory map as /proc/PID/maps lists it: what the stack unwinder (-k) needs to name the
// module of an address and to find the file behind it.
#include <cstdint>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace trace {

struct MapEntry {
    std::uint64_t start = 0;
    std::uint64_t end = 0;    // one past the last byte
    std::uint64_t offset = 0; // file offset of start
    bool readable = false;
    bool writable = false;
    bool executable = false;
    unsigned dev_major = 0;
    unsigned dev_minor = 0;
    std::uint64_t inode = 0; // 0: not backed by a file ([stack], [vdso], anonymous memory)
    std::string path;        // as the kernel prints it: "/usr/lib/libc.so.6", "[vdso]", "/x (deleted)", ""

    bool contains(std::uint64_t addr) const { return addr >= start && addr < end; }
};

// Parses the text of /proc/PID/maps; lines that do not parse are skipped. The result is in address
// order, as the kernel lists it.
std::vector<MapEntry> parse_maps(std::string_view text);

// Reads /proc/PID/maps (PID may be any thread's id). False when the process is gone or unreadable.
bool read_maps(pid_t pid, std::vector<MapEntry>& out);

// The entry holding addr in a list in address order, or nullptr.
const MapEntry* find_mapping(const std::vector<MapEntry>& maps, std::uint64_t addr);

} // namespace trace
