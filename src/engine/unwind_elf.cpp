#include "trace/engine/unwind_elf.hpp"
#include "trace/decode/memory.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <cxxabi.h>
#include <elf.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unordered_map>

namespace trace {
namespace {

// DWARF pointer encodings used in .eh_frame_hdr (the low nibble: the value's format).
constexpr std::uint8_t kEncOmit = 0xff;
constexpr std::uint8_t kEncTableSdata4Datarel = 0x3b; // DW_EH_PE_datarel | DW_EH_PE_sdata4

// Size of a fixed-size encoded value, 0 when variable or unknown.
std::size_t encoded_size(std::uint8_t enc) {
    switch (enc & 0x0f) {
    case 0x00:
        return 8; // absptr
    case 0x02:
    case 0x0a:
        return 2; // udata2, sdata2
    case 0x03:
    case 0x0b:
        return 4; // udata4, sdata4
    case 0x04:
    case 0x0c:
        return 8; // udata8, sdata8
    default:
        return 0;
    }
}

// Reads .eh_frame's records: little-endian numbers, LEB128, and encoded pointers.
class FrameReader {
public:
    FrameReader(const std::byte* data, std::size_t size, std::uint64_t vaddr)
        : m_data(data), m_size(size), m_vaddr(vaddr) {}

    std::size_t pos = 0;
    bool ok = true;

    std::uint64_t fixed(std::size_t n) {
        std::uint64_t v = 0;
        if (!ok || pos > m_size || m_size - pos < n) {
            ok = false;
            return 0;
        }
        std::memcpy(&v, m_data + pos, n);
        pos += n;
        return v;
    }
    std::uint64_t uleb() {
        std::uint64_t v = 0;
        for (unsigned shift = 0; ok; shift += 7) {
            const std::uint64_t b = fixed(1);
            if (shift < 64) v |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) break;
        }
        return v;
    }
    // A pointer in encoding enc (DW_EH_PE_*): absolute or relative to its own address.
    std::uint64_t pointer(std::uint8_t enc) {
        const std::uint64_t at = m_vaddr + pos;
        std::uint64_t v = 0;
        switch (enc & 0x0f) {
        case 0x00:
            v = fixed(8);
            break;
        case 0x02:
            v = fixed(2);
            break;
        case 0x03:
            v = fixed(4);
            break;
        case 0x04:
            v = fixed(8);
            break;
        case 0x0a:
            v = static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int16_t>(fixed(2))));
            break;
        case 0x0b:
            v = static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int32_t>(fixed(4))));
            break;
        case 0x0c:
            v = fixed(8);
            break;
        default:
            ok = false;
            return 0;
        }
        switch (enc & 0x70) {
        case 0x00:
            return v;
        case 0x10:
            return at + v;
        default:
            ok = false;
            return 0;
        }
    }

private:
    const std::byte* m_data;
    std::size_t m_size;
    std::uint64_t m_vaddr;
};

// The encoding of the FDE pointers of the CIE at offset cie (the 'R' of its augmentation).
std::optional<std::uint8_t> cie_pointer_encoding(FrameReader r, std::size_t cie) {
    r.pos = cie;
    const std::uint64_t length = r.fixed(4);
    if (length == 0 || length == 0xffffffff || r.fixed(4) != 0) return std::nullopt;
    const auto version = static_cast<std::uint8_t>(r.fixed(1));
    std::string augmentation;
    for (char c = 0; r.ok && (c = static_cast<char>(r.fixed(1))) != '\0';)
        augmentation.push_back(c);
    if (augmentation.find("eh") != std::string::npos) r.fixed(8);
    r.uleb(); // code alignment
    r.uleb(); // data alignment (signed; only skipped)
    if (version == 1) {
        r.fixed(1);
    } else {
        r.uleb();
    }
    std::uint8_t enc = 0x00; // absptr unless 'R' says otherwise
    if (augmentation.empty() || augmentation[0] != 'z') return r.ok ? std::optional(enc) : std::nullopt;
    r.uleb(); // augmentation data length
    for (std::size_t i = 1; i < augmentation.size() && r.ok; ++i) {
        switch (augmentation[i]) {
        case 'R':
            enc = static_cast<std::uint8_t>(r.fixed(1));
            break;
        case 'L':
            r.fixed(1);
            break;
        case 'P':
            r.pointer(static_cast<std::uint8_t>(r.fixed(1)));
            break;
        case 'S':
        case 'B':
        case 'G':
            break;
        default:
            return std::optional(enc); // unknown: the rest cannot be parsed, 'R' comes first anyway
        }
    }
    return r.ok ? std::optional(enc) : std::nullopt;
}

} // namespace

ElfImage::ElfImage(const std::byte* data, std::size_t size, bool mapped)
    : m_data(data), m_size(size), m_mapped(mapped) {}

ElfImage::~ElfImage() {
    if (m_mapped) munmap(const_cast<std::byte*>(m_data), m_size);
}

std::unique_ptr<ElfImage> ElfImage::open_file(int fd) {
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < static_cast<off_t>(sizeof(Elf64_Ehdr)))
        return nullptr;
    const auto size = static_cast<std::size_t>(st.st_size);
    void* p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) return nullptr;
    std::unique_ptr<ElfImage> image(new ElfImage(static_cast<const std::byte*>(p), size, true));
    if (!image->parse()) return nullptr;
    return image;
}

std::unique_ptr<ElfImage> ElfImage::from_bytes(std::vector<std::byte> bytes) {
    std::unique_ptr<ElfImage> image(new ElfImage(nullptr, 0, false));
    image->m_owned = std::move(bytes);
    image->m_data = image->m_owned.data();
    image->m_size = image->m_owned.size();
    if (!image->parse()) return nullptr;
    return image;
}

template <typename T> bool ElfImage::read_at(std::uint64_t offset, T& out) const {
    if (offset > m_size || m_size - offset < sizeof(T)) return false;
    std::memcpy(&out, m_data + offset, sizeof(T));
    return true;
}

bool ElfImage::parse() {
    Elf64_Ehdr eh{};
    if (!read_at(0, eh) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
        eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_phentsize != sizeof(Elf64_Phdr))
        return false;
    std::optional<Elf64_Phdr> eh_frame_hdr;
    std::optional<Elf64_Phdr> dynamic;
    for (unsigned i = 0; i < eh.e_phnum; ++i) {
        Elf64_Phdr ph{};
        if (!read_at(eh.e_phoff + std::uint64_t{i} * sizeof(Elf64_Phdr), ph)) return false;
        if (ph.p_type == PT_LOAD) {
            m_segments.push_back(ElfSegment{ph.p_vaddr, ph.p_memsz, ph.p_offset, ph.p_filesz,
                                            (ph.p_flags & PF_W) != 0, (ph.p_flags & PF_X) != 0});
        } else if (ph.p_type == PT_GNU_EH_FRAME) {
            eh_frame_hdr = ph;
        } else if (ph.p_type == PT_DYNAMIC) {
            dynamic = ph;
        }
    }
    if (m_segments.empty()) return false;

    if (dynamic) {
        for (std::uint64_t off = dynamic->p_offset;
             off + sizeof(Elf64_Dyn) <= dynamic->p_offset + dynamic->p_filesz; off += sizeof(Elf64_Dyn)) {
            Elf64_Dyn d{};
            if (!read_at(off, d) || d.d_tag == DT_NULL) break;
            if (d.d_tag == DT_PLTGOT) m_pltgot = d.d_un.d_ptr;
        }
    }

    if (eh_frame_hdr) {
        // version, eh_frame_ptr encoding, fde_count encoding, table encoding; then the two values.
        std::uint8_t head[4];
        const std::uint64_t base = eh_frame_hdr->p_vaddr;
        if (read_constant(base, head, sizeof head) && head[0] == 1 && head[3] == kEncTableSdata4Datarel &&
            head[1] != kEncOmit && head[2] != kEncOmit) {
            const std::size_t ptr_size = encoded_size(head[1]);
            const std::size_t count_size = encoded_size(head[2]);
            std::uint64_t count = 0;
            if (ptr_size != 0 && count_size != 0 && count_size <= sizeof count &&
                read_constant(base + 4 + ptr_size, &count, count_size)) {
                m_eh_frame = EhFrameTable{base, base + 4 + ptr_size + count_size, count, {}};
            }
        }
    }
    return true;
}

const EhFrameTable* ElfImage::eh_frame_table() const {
    if (!m_eh_frame && !m_eh_frame_built) build_eh_frame_table();
    return m_eh_frame ? &*m_eh_frame : nullptr;
}

// No .eh_frame_hdr: the table libunwind searches is built from the FDEs of .eh_frame, as the linker
// would have: (function start, FDE) pairs relative to the section's address, by function start.
void ElfImage::build_eh_frame_table() const {
    m_eh_frame_built = true;
    Elf64_Ehdr eh{};
    if (!read_at(0, eh) || eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shstrndx >= eh.e_shnum) return;
    Elf64_Shdr names{};
    if (!read_at(eh.e_shoff + std::uint64_t{eh.e_shstrndx} * sizeof(Elf64_Shdr), names)) return;
    std::optional<Elf64_Shdr> section;
    for (unsigned i = 0; i < eh.e_shnum && !section; ++i) {
        Elf64_Shdr sh{};
        if (!read_at(eh.e_shoff + std::uint64_t{i} * sizeof(Elf64_Shdr), sh)) return;
        char name[10] = {};
        const std::uint64_t at = names.sh_offset + sh.sh_name;
        if (sh.sh_type == SHT_PROGBITS && sh.sh_name < names.sh_size && at < m_size) {
            std::memcpy(name, m_data + at, std::min<std::uint64_t>(sizeof name - 1, m_size - at));
            if (std::strcmp(name, ".eh_frame") == 0) section = sh;
        }
    }
    if (!section || section->sh_offset > m_size || m_size - section->sh_offset < section->sh_size) return;
    const std::uint64_t base = section->sh_addr;
    FrameReader r(m_data + section->sh_offset, section->sh_size, base);
    std::unordered_map<std::size_t, std::optional<std::uint8_t>> encodings; // by CIE offset
    std::vector<std::pair<std::int64_t, std::int64_t>> pairs;
    while (r.ok && r.pos + 4 <= section->sh_size) {
        const std::size_t record = r.pos;
        const std::uint64_t length = r.fixed(4);
        if (length == 0 || length == 0xffffffff) break; // the terminator; 64-bit records are not used
        const std::size_t next = r.pos + length;
        const std::size_t id_at = r.pos;
        const std::uint64_t id = r.fixed(4);
        if (id != 0 && id <= id_at) {
            const std::size_t cie = id_at - id;
            auto found = encodings.find(cie);
            if (found == encodings.end()) found = encodings.emplace(cie, cie_pointer_encoding(r, cie)).first;
            if (found->second) {
                const std::uint64_t start = r.pointer(*found->second);
                const std::uint64_t range = r.pointer(*found->second & 0x0f);
                if (r.ok && range != 0) {
                    pairs.emplace_back(static_cast<std::int64_t>(start - base),
                                       static_cast<std::int64_t>(record));
                }
            }
        }
        r.ok = true;
        r.pos = next;
    }
    if (pairs.empty()) return;
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    EhFrameTable table;
    table.base_vaddr = base;
    table.entries = pairs.size();
    table.built.reserve(pairs.size() * 2);
    for (const auto& [start, fde] : pairs) {
        if (start < INT32_MIN || start > INT32_MAX || fde > INT32_MAX)
            return; // not in reach of the table's format
        table.built.push_back(static_cast<std::int32_t>(start));
        table.built.push_back(static_cast<std::int32_t>(fde));
    }
    m_eh_frame = std::move(table);
}

const ElfSegment* ElfImage::segment_at(std::uint64_t vaddr) const {
    for (const ElfSegment& s : m_segments) {
        if (vaddr >= s.vaddr && vaddr - s.vaddr < s.memsz) return &s;
    }
    return nullptr;
}

std::optional<std::uint64_t> ElfImage::load_bias(std::uint64_t map_start, std::uint64_t map_offset) const {
    for (const ElfSegment& s : m_segments) {
        const std::uint64_t first = s.offset & ~(kPageSize - 1);
        if (map_offset >= first && map_offset < s.offset + std::max<std::uint64_t>(s.filesz, 1)) {
            // map_start holds file offset map_offset, which the segment puts at s.vaddr + (map_offset -
            // s.offset).
            return map_start - map_offset + s.offset - s.vaddr;
        }
    }
    return std::nullopt;
}

bool ElfImage::read_constant(std::uint64_t vaddr, void* out, std::size_t n) const {
    for (const ElfSegment& s : m_segments) {
        if (s.writable || vaddr < s.vaddr) continue;
        const std::uint64_t rel = vaddr - s.vaddr;
        if (rel >= s.filesz || s.filesz - rel < n) continue;
        const std::uint64_t off = s.offset + rel;
        if (off > m_size || m_size - off < n) return false;
        std::memcpy(out, m_data + off, n);
        return true;
    }
    return false;
}

void ElfImage::load_symbols() const {
    m_symbols_loaded = true;
    Elf64_Ehdr eh{};
    if (!read_at(0, eh) || eh.e_shentsize != sizeof(Elf64_Shdr)) return;
    std::vector<Symbol> all;
    for (unsigned i = 0; i < eh.e_shnum; ++i) {
        Elf64_Shdr sh{};
        if (!read_at(eh.e_shoff + std::uint64_t{i} * sizeof(Elf64_Shdr), sh)) return;
        if ((sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM) || sh.sh_entsize != sizeof(Elf64_Sym))
            continue;
        Elf64_Shdr strtab{};
        if (!read_at(eh.e_shoff + std::uint64_t{sh.sh_link} * sizeof(Elf64_Shdr), strtab)) continue;
        if (strtab.sh_offset > m_size || m_size - strtab.sh_offset < strtab.sh_size || strtab.sh_size == 0)
            continue;
        const char* strings = reinterpret_cast<const char*>(m_data + strtab.sh_offset);
        // Names must end inside the string table: the last byte of a valid one is a NUL.
        if (strings[strtab.sh_size - 1] != '\0') continue;
        for (std::uint64_t off = sh.sh_offset; off + sizeof(Elf64_Sym) <= sh.sh_offset + sh.sh_size;
             off += sizeof(Elf64_Sym)) {
            Elf64_Sym sym{};
            if (!read_at(off, sym)) break;
            // As libunwind: functions defined here; absolute ones are not relative to the load address.
            if (ELF64_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_shndx == SHN_UNDEF ||
                sym.st_shndx == SHN_ABS)
                continue;
            if (sym.st_name >= strtab.sh_size) continue;
            all.push_back(Symbol{sym.st_value, strings + sym.st_name});
        }
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const Symbol& a, const Symbol& b) { return a.value < b.value; });
    // Of symbols at one address the first listed names it (libunwind keeps the first strictly nearer one).
    all.erase(std::unique(all.begin(), all.end(),
                          [](const Symbol& a, const Symbol& b) { return a.value == b.value; }),
              all.end());
    all.shrink_to_fit();
    m_symbols = std::move(all);
}

std::optional<SymbolMatch> ElfImage::symbol_at(std::uint64_t vaddr, bool demangle) const {
    if (!m_symbols_loaded) load_symbols();
    auto it = std::upper_bound(m_symbols.begin(), m_symbols.end(), vaddr,
                               [](std::uint64_t v, const Symbol& s) { return v < s.value; });
    if (it == m_symbols.begin()) return std::nullopt;
    --it;
    SymbolMatch match{it->name, vaddr - it->value};
    if (demangle && match.name.size() > 2 && match.name[0] == '_' && match.name[1] == 'Z') {
        auto found = m_demangled.find(it->name);
        if (found == m_demangled.end())
            found = m_demangled.emplace(it->name, demangle_symbol(it->name)).first;
        match.name = found->second;
    }
    return match;
}

std::string demangle_symbol(std::string_view name) {
    const std::string mangled(name);
    int status = 0;
    char* readable = abi::__cxa_demangle(mangled.c_str(), nullptr, nullptr, &status);
    if (status != 0 || readable == nullptr) {
        std::free(readable);
        return mangled;
    }
    std::string result(readable);
    std::free(readable);
    return result;
}

} // namespace trace
