#pragma once
// An ELF object as the stack unwinder (-k) needs it: its loadable segments, the search table of
// .eh_frame_hdr (where libunwind finds each function's unwind rules), and its symbols for naming
// addresses. The file is mapped once and shared by every process that maps it; symbols are read on
// the first lookup and kept.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace trace {

struct ElfSegment {
    std::uint64_t vaddr = 0;
    std::uint64_t memsz = 0;
    std::uint64_t offset = 0; // in the file
    std::uint64_t filesz = 0;
    bool writable = false;
    bool executable = false;
};

// The binary-search table of .eh_frame_hdr: (function start, FDE) pairs of 4-byte values relative
// to base_vaddr (the header's own address).
struct EhFrameTable {
    std::uint64_t base_vaddr = 0;
    std::uint64_t table_vaddr = 0; // the first pair, in the object (when `built` is empty)
    std::uint64_t entries = 0;
    // An object without .eh_frame_hdr (a static executable, some hand-linked ones): the same table,
    // built from .eh_frame and held in memory, relative to the address of .eh_frame.
    std::vector<std::int32_t> built;
};

struct SymbolMatch {
    std::string_view name;    // valid as long as the image
    std::uint64_t offset = 0; // from the symbol's start
};

class ElfImage {
public:
    // Maps the open file (the descriptor may be closed afterwards). nullptr: not a 64-bit ELF file.
    static std::unique_ptr<ElfImage> open_file(int fd);
    // An image held in memory (the vDSO, read from the tracee; tests).
    static std::unique_ptr<ElfImage> from_bytes(std::vector<std::byte> bytes);
    ElfImage(const ElfImage&) = delete;
    ElfImage& operator=(const ElfImage&) = delete;
    ~ElfImage();

    std::span<const std::byte> bytes() const { return {m_data, m_size}; }
    const std::vector<ElfSegment>& segments() const { return m_segments; }
    // The PT_LOAD segment holding vaddr, or nullptr.
    const ElfSegment* segment_at(std::uint64_t vaddr) const;
    // How far the object was moved when loaded, given one of its mappings (address and file
    // offset, from /proc/PID/maps): run-time address = vaddr + bias. nullopt: the offset is in no segment.
    std::optional<std::uint64_t> load_bias(std::uint64_t map_start, std::uint64_t map_offset) const;
    // Copies n bytes from vaddr when they lie in the file part of a segment that is never writable
    // (code, read-only data, unwind tables): those bytes are the same in every process.
    bool read_constant(std::uint64_t vaddr, void* out, std::size_t n) const;
    // The search table of .eh_frame_hdr, or one built from .eh_frame (on the first call); nullptr: none.
    const EhFrameTable* eh_frame_table() const;
    std::uint64_t pltgot() const { return m_pltgot; } // DT_PLTGOT's vaddr, 0 when none

    // The function symbol nearest at or below vaddr, from .symtab and .dynsym, as libunwind (and so
    // strace -k) chooses it: the symbol's size is not checked, and of symbols at the same address
    // the first listed wins. nullopt when no function symbol lies below vaddr.
    std::optional<SymbolMatch> symbol_at(std::uint64_t vaddr, bool demangle) const;

private:
    struct Symbol {
        std::uint64_t value;
        const char* name;
    };

    ElfImage(const std::byte* data, std::size_t size, bool mapped);
    bool parse();
    void load_symbols() const;
    void build_eh_frame_table() const;
    template <typename T> bool read_at(std::uint64_t offset, T& out) const;

    const std::byte* m_data;
    std::size_t m_size;
    bool m_mapped; // m_data is an mmap of the file, else m_owned's
    std::vector<std::byte> m_owned;
    std::vector<ElfSegment> m_segments;
    mutable std::optional<EhFrameTable> m_eh_frame;
    mutable bool m_eh_frame_built = false;
    std::uint64_t m_pltgot = 0;
    mutable bool m_symbols_loaded = false;
    mutable std::vector<Symbol> m_symbols; // by value; one per address
    mutable std::unordered_map<const char*, std::string> m_demangled;
};

// A C++ symbol's readable name ("foo::bar(int)"); the name itself when it is not a mangled one.
std::string demangle_symbol(std::string_view name);

} // namespace trace
