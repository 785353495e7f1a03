#include "trace/engine/unwind_elf.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <cxxabi.h>
#include <elf.h>
#include <sys/mman.h>
#include <sys/stat.h>

namespace trace {
namespace {

constexpr std::uint64_t kPageSize = 4096;

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
                m_eh_frame = EhFrameTable{base, base + 4 + ptr_size + count_size, count};
            }
        }
    }
    return true;
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
