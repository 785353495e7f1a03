#include "trace/engine/unwind.hpp"

#include "trace/engine/process_memory.hpp"
#include "trace/engine/unwind_elf.hpp"
#include "trace/engine/unwind_maps.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <libunwind.h>
#include <map>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/user.h>
#include <tuple>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>

// Exported by libunwind but not declared in its headers: searches a .eh_frame_hdr table described
// by a unw_dyn_info_t, reading it through the address space's accessors.
extern "C" int UNW_OBJ(dwarf_search_unwind_table)(unw_addr_space_t as, unw_word_t ip, unw_dyn_info_t* di,
                                                  unw_proc_info_t* pi, int need_unwind_info, void* arg);

namespace trace {
namespace {

constexpr std::uint64_t kPage = 4096;
constexpr std::size_t kChunks = 8; // stack pages kept during one walk
constexpr std::size_t kUnwindCacheSize = 1024;
// Search tables built in memory (for objects without .eh_frame_hdr) are given to libunwind at these
// addresses, which are never user-space addresses: table i at kBuiltTables + (i << 32).
constexpr std::uint64_t kBuiltTables = 0xfff0'0000'0000'0000ULL;

// One mapping of a process, with what the unwinder learned about it.
struct Mapping {
    MapEntry entry;
    std::string_view module;         // interned path
    const ElfImage* image = nullptr; // resolved lazily
    bool resolved = false;
    bool has_bias = false;
    std::uint64_t bias = 0;
};

struct Process {
    pid_t pid = 0;
    std::vector<Mapping> maps;
    bool stale = true;
    unw_addr_space_t as = nullptr;

    Process() = default;
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;
    ~Process() {
        if (as != nullptr) unw_destroy_addr_space(as);
    }

    Mapping* find(std::uint64_t addr) {
        auto it = std::upper_bound(maps.begin(), maps.end(), addr,
                                   [](std::uint64_t a, const Mapping& m) { return a < m.entry.start; });
        if (it == maps.begin()) return nullptr;
        --it;
        return it->entry.contains(addr) ? &*it : nullptr;
    }
};

struct Chunk {
    std::uint64_t base = 0;
    std::size_t size = 0; // bytes read from base (a page, or less at the end of readable memory)
    std::array<std::byte, kPage> data{};
};

} // namespace

struct Unwinder::Impl {
    explicit Impl(UnwindConfig c) : config(c), memory(!c.force_peekdata) {
        accessors.find_proc_info = &Impl::find_proc_info;
        accessors.put_unwind_info = &Impl::put_unwind_info;
        accessors.get_dyn_info_list_addr = &Impl::get_dyn_info_list_addr;
        accessors.access_mem = &Impl::access_mem;
        accessors.access_reg = &Impl::access_reg;
        accessors.access_fpreg = &Impl::access_fpreg;
        accessors.resume = &Impl::resume;
        accessors.get_proc_name = nullptr;
    }

    UnwindConfig config;
    unw_accessors_t accessors{};
    ProcessMemory memory;
    std::unordered_map<pid_t, std::unique_ptr<Process>> processes;
    // Objects by (device major, minor, inode): one mapping of each file, for every process. Kept
    // until the end, as events point into their symbol names. nullptr: not readable as ELF.
    std::map<std::tuple<unsigned, unsigned, std::uint64_t>, std::unique_ptr<ElfImage>> files;
    std::vector<std::unique_ptr<ElfImage>> vdsos; // distinct vDSO images (one per kernel, in practice)
    std::unordered_set<std::string> module_names;
    std::vector<const EhFrameTable*> built_tables; // by index, see kBuiltTables
    std::unordered_map<const EhFrameTable*, std::size_t> built_index;

    // The walk in progress (the accessors' arg).
    Process* process = nullptr;
    pid_t tid = 0;
    user_regs_struct regs{};
    std::array<Chunk, kChunks> chunks;
    std::size_t chunks_used = 0;
    std::size_t next_chunk = 0;
    bool reloaded = false; // the map was read during this walk

    Process& process_for(pid_t pid);
    bool reload(Process& p, pid_t reader);
    Mapping* find_mapping(std::uint64_t addr);
    const ElfImage* resolve(Mapping& m);
    const ElfImage* open_file_image(const Mapping& m);
    const ElfImage* vdso_image(const Mapping& m);
    bool read(std::uint64_t addr, void* out, std::size_t n);
    const Chunk* chunk_for(std::uint64_t addr);
    void walk(std::vector<StackFrame>& out);
    StackFrame make_frame(Mapping& m, std::uint64_t ip, bool previous_instruction);

    static Impl& self(void* arg) { return *static_cast<Impl*>(arg); }
    static int find_proc_info(unw_addr_space_t as, unw_word_t ip, unw_proc_info_t* pi, int need, void* arg);
    static void put_unwind_info(unw_addr_space_t, unw_proc_info_t*, void*) {}
    static int get_dyn_info_list_addr(unw_addr_space_t, unw_word_t*, void*) { return -UNW_ENOINFO; }
    static int access_mem(unw_addr_space_t as, unw_word_t addr, unw_word_t* val, int write, void* arg);
    static int access_reg(unw_addr_space_t as, unw_regnum_t reg, unw_word_t* val, int write, void* arg);
    static int access_fpreg(unw_addr_space_t, unw_regnum_t, unw_fpreg_t*, int, void*) { return -UNW_EBADREG; }
    static int resume(unw_addr_space_t, unw_cursor_t*, void*) { return -UNW_EINVAL; }
};

Process& Unwinder::Impl::process_for(pid_t pid) {
    auto& slot = processes[pid];
    if (!slot) {
        slot = std::make_unique<Process>();
        slot->pid = pid;
    }
    return *slot;
}

// Reads the map again (through thread reader: a process whose leader has exited has an empty map
// under its own pid). Mappings of files keep their images; libunwind forgets what it cached.
bool Unwinder::Impl::reload(Process& p, pid_t reader) {
    std::vector<MapEntry> entries;
    if (!read_maps(reader, entries) && !read_maps(p.pid, entries)) return false;
    p.maps.clear();
    p.maps.reserve(entries.size());
    for (MapEntry& e : entries) {
        Mapping m;
        m.module = *module_names.insert(e.path).first;
        m.entry = std::move(e);
        p.maps.push_back(std::move(m));
    }
    p.stale = false;
    if (p.as != nullptr) unw_flush_cache(p.as, 0, 0);
    return true;
}

// The mapping holding addr; a miss reads the map again, once per walk (code mapped by a call we
// did not stop for).
Mapping* Unwinder::Impl::find_mapping(std::uint64_t addr) {
    if (Mapping* m = process->find(addr)) return m;
    if (reloaded) return nullptr;
    reloaded = true;
    reload(*process, tid);
    return process->find(addr);
}

const ElfImage* Unwinder::Impl::open_file_image(const Mapping& m) {
    const MapEntry& e = m.entry;
    const auto key = std::make_tuple(e.dev_major, e.dev_minor, e.inode);
    if (auto it = files.find(key); it != files.end()) return it->second.get();
    // The path, when it still names the mapped file; else the kernel's link to the mapping itself
    // (a deleted or replaced file; needs the right to read it, root in practice).
    std::unique_ptr<ElfImage> image;
    int fd = e.path.empty() || e.path[0] != '/' ? -1 : open(e.path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd >= 0 && (fstat(fd, &st) != 0 || st.st_ino != e.inode || major(st.st_dev) != e.dev_major ||
                    minor(st.st_dev) != e.dev_minor)) {
        close(fd);
        fd = -1;
    }
    if (fd < 0) {
        const std::string link = fmt::format("/proc/{}/map_files/{:x}-{:x}", process->pid, e.start, e.end);
        fd = open(link.c_str(), O_RDONLY | O_CLOEXEC);
    }
    if (fd >= 0) {
        image = ElfImage::open_file(fd);
        close(fd);
    }
    const ElfImage* result = image.get();
    files.emplace(key, std::move(image));
    return result;
}

// The vDSO has no file: its image is read from the tracee. Every process of one kernel has the same.
const ElfImage* Unwinder::Impl::vdso_image(const Mapping& m) {
    const std::uint64_t size = m.entry.end - m.entry.start;
    if (size > 16 * kPage) return nullptr;
    std::vector<std::byte> bytes(size);
    memory.set_pid(tid);
    if (memory.read(m.entry.start, bytes) != size) return nullptr;
    for (const auto& image : vdsos) {
        const auto known = image->bytes();
        if (known.size() == bytes.size() && std::equal(known.begin(), known.end(), bytes.begin()))
            return image.get();
    }
    auto image = ElfImage::from_bytes(std::move(bytes));
    if (!image) return nullptr;
    vdsos.push_back(std::move(image));
    return vdsos.back().get();
}

const ElfImage* Unwinder::Impl::resolve(Mapping& m) {
    if (m.resolved) return m.image;
    m.resolved = true;
    if (m.entry.inode != 0) {
        m.image = open_file_image(m);
    } else if (m.entry.path == "[vdso]") {
        m.image = vdso_image(m);
    }
    if (m.image != nullptr) {
        if (const auto bias = m.image->load_bias(m.entry.start, m.entry.offset)) {
            m.has_bias = true;
            m.bias = *bias;
        } else {
            m.image = nullptr;
        }
    }
    return m.image;
}

const Chunk* Unwinder::Impl::chunk_for(std::uint64_t addr) {
    const std::uint64_t base = addr & ~(kPage - 1);
    for (std::size_t i = 0; i < chunks_used; ++i) {
        const Chunk& c = chunks[i];
        if (c.base == base) return addr - base < c.size ? &c : nullptr;
    }
    std::size_t slot = chunks_used < kChunks ? chunks_used++ : next_chunk++ % kChunks;
    Chunk& c = chunks[slot];
    c.base = base;
    memory.set_pid(tid);
    c.size = memory.read(base, c.data);
    return addr - base < c.size ? &c : nullptr;
}

// Code and unwind tables come from the object files; the stack and other data from the tracee.
bool Unwinder::Impl::read(std::uint64_t addr, void* out, std::size_t n) {
    if (addr >= kBuiltTables) {
        const std::size_t index = (addr - kBuiltTables) >> 32;
        const std::uint64_t at = addr & 0xffff'ffffULL;
        if (index >= built_tables.size()) return false;
        const std::vector<std::int32_t>& t = built_tables[index]->built;
        const std::uint64_t size = t.size() * sizeof(std::int32_t);
        if (at > size || size - at < n) return false;
        std::memcpy(out, reinterpret_cast<const std::byte*>(t.data()) + at, n);
        return true;
    }
    if (Mapping* m = process->find(addr); m != nullptr && !m->entry.writable) {
        if (const ElfImage* image = resolve(*m);
            image != nullptr && image->read_constant(addr - m->bias, out, n))
            return true;
    }
    auto* dst = static_cast<std::byte*>(out);
    while (n > 0) {
        const Chunk* c = chunk_for(addr);
        if (c == nullptr) return false;
        const std::size_t at = addr - c->base;
        const std::size_t take = std::min(n, c->size - at);
        std::memcpy(dst, c->data.data() + at, take);
        dst += take;
        addr += take;
        n -= take;
    }
    return true;
}

int Unwinder::Impl::find_proc_info(unw_addr_space_t as, unw_word_t ip, unw_proc_info_t* pi, int need,
                                   void* arg) {
    Impl& u = self(arg);
    Mapping* m = u.find_mapping(ip);
    if (m == nullptr) return -UNW_ENOINFO;
    const ElfImage* image = u.resolve(*m);
    const EhFrameTable* found = image != nullptr ? image->eh_frame_table() : nullptr;
    if (found == nullptr) return -UNW_ENOINFO;
    const ElfSegment* seg = image->segment_at(ip - m->bias);
    if (seg == nullptr) return -UNW_ENOINFO;
    const EhFrameTable& table = *found;
    unw_dyn_info_t di{};
    di.start_ip = seg->vaddr + m->bias;
    di.end_ip = seg->vaddr + seg->memsz + m->bias;
    di.gp = image->pltgot() != 0 ? image->pltgot() + m->bias : 0;
    di.format = UNW_INFO_FORMAT_REMOTE_TABLE;
    di.u.rti.name_ptr = 0;
    di.u.rti.segbase = table.base_vaddr + m->bias;
    di.u.rti.table_len = table.entries * 8 / sizeof(unw_word_t);
    di.u.rti.table_data = table.table_vaddr + m->bias;
    if (!table.built.empty()) {
        auto [it, added] = u.built_index.try_emplace(&table, u.built_tables.size());
        if (added) u.built_tables.push_back(&table);
        di.u.rti.table_data = kBuiltTables + (std::uint64_t{it->second} << 32);
    }
    return UNW_OBJ(dwarf_search_unwind_table)(as, ip, &di, pi, need, arg);
}

int Unwinder::Impl::access_mem(unw_addr_space_t, unw_word_t addr, unw_word_t* val, int write, void* arg) {
    if (write != 0) return -UNW_EINVAL;
    return self(arg).read(addr, val, sizeof *val) ? 0 : -UNW_EINVAL;
}

int Unwinder::Impl::access_reg(unw_addr_space_t, unw_regnum_t reg, unw_word_t* val, int write, void* arg) {
    if (write != 0) return -UNW_EREADONLYREG;
    const user_regs_struct& r = self(arg).regs;
    switch (reg) {
    case UNW_X86_64_RAX:
        *val = r.rax;
        break;
    case UNW_X86_64_RDX:
        *val = r.rdx;
        break;
    case UNW_X86_64_RCX:
        *val = r.rcx;
        break;
    case UNW_X86_64_RBX:
        *val = r.rbx;
        break;
    case UNW_X86_64_RSI:
        *val = r.rsi;
        break;
    case UNW_X86_64_RDI:
        *val = r.rdi;
        break;
    case UNW_X86_64_RBP:
        *val = r.rbp;
        break;
    case UNW_X86_64_RSP:
        *val = r.rsp;
        break;
    case UNW_X86_64_R8:
        *val = r.r8;
        break;
    case UNW_X86_64_R9:
        *val = r.r9;
        break;
    case UNW_X86_64_R10:
        *val = r.r10;
        break;
    case UNW_X86_64_R11:
        *val = r.r11;
        break;
    case UNW_X86_64_R12:
        *val = r.r12;
        break;
    case UNW_X86_64_R13:
        *val = r.r13;
        break;
    case UNW_X86_64_R14:
        *val = r.r14;
        break;
    case UNW_X86_64_R15:
        *val = r.r15;
        break;
    case UNW_X86_64_RIP:
        *val = r.rip;
        break;
    default:
        return -UNW_EBADREG;
    }
    return 0;
}

// A frame in an executable mapping. Above the innermost frame the address is a return address:
// like libunwind (and so strace), the function is looked up one byte before it, which is the call
// (a call may be the last instruction of a function that does not return).
StackFrame Unwinder::Impl::make_frame(Mapping& m, std::uint64_t ip, bool previous_instruction) {
    StackFrame f;
    f.module = m.module;
    f.address = ip - m.entry.start + m.entry.offset;
    const std::uint64_t lookup = previous_instruction ? ip - 1 : ip;
    if (const ElfImage* image = resolve(m)) {
        if (auto sym = image->symbol_at(lookup - m.bias, config.demangle)) {
            f.symbol = sym->name;
            f.symbol_offset = sym->offset + (previous_instruction ? 1 : 0);
        }
    }
    return f;
}

// As strace: each frame in an executable mapping is printed; an address outside them ends the stack
// with an error, as does a frame libunwind cannot step past; a stack deeper than the limit is cut.
void Unwinder::Impl::walk(std::vector<StackFrame>& out) {
    if (process->as == nullptr) {
        process->as = unw_create_addr_space(&accessors, 0);
        if (process->as == nullptr) return;
        unw_set_caching_policy(process->as, UNW_CACHE_GLOBAL);
        unw_set_cache_size(process->as, kUnwindCacheSize, 0);
    }
    unw_cursor_t cursor;
    if (unw_init_remote(&cursor, process->as, this) < 0) return;
    bool previous_instruction = false;
    int depth = 0;
    for (; depth < config.max_frames; ++depth) {
        unw_word_t ip = 0;
        if (unw_get_reg(&cursor, UNW_REG_IP, &ip) < 0) break;
        Mapping* m = find_mapping(ip);
        if (m == nullptr || !m->entry.executable) {
            if (ip != 0) out.push_back(StackFrame{StackFrame::Kind::error, {}, {}, 0, ip});
            break;
        }
        out.push_back(make_frame(*m, ip, previous_instruction));
        // The frame interrupted by a signal resumes at its own address, not after a call.
        previous_instruction = unw_is_signal_frame(&cursor) <= 0;
        const int step = unw_step(&cursor);
        if (step == 0) break;
        if (step < 0) {
            out.push_back(StackFrame{StackFrame::Kind::error, {}, {}, 0, ip});
            break;
        }
    }
    if (depth >= config.max_frames) out.push_back(StackFrame{StackFrame::Kind::truncated, {}, {}, 0, 0});
}

Unwinder::Unwinder(UnwindConfig config) : m_impl(std::make_unique<Impl>(config)) {}

Unwinder::~Unwinder() = default;

void Unwinder::capture(pid_t tid, pid_t pid, std::vector<StackFrame>& out) {
    out.clear();
    Impl& u = *m_impl;
    if (ptrace(PTRACE_GETREGS, tid, nullptr, &u.regs) != 0) return;
    u.process = &u.process_for(pid);
    u.tid = tid;
    u.chunks_used = 0;
    u.reloaded = false;
    if (u.process->stale) {
        u.reloaded = true;
        if (!u.reload(*u.process, tid)) return;
    }
    u.walk(out);
    u.process = nullptr;
}

void Unwinder::mappings_changed(pid_t pid, std::uint64_t addr, std::uint64_t len, bool executable) {
    auto it = m_impl->processes.find(pid);
    if (it == m_impl->processes.end() || it->second->stale) return;
    Process& p = *it->second;
    if (executable) {
        p.stale = true;
        return;
    }
    // Code or file contents (unwind tables) that move or go away.
    const std::uint64_t end = addr + len < addr ? ~std::uint64_t{0} : addr + len;
    for (const Mapping& m : p.maps) {
        if (m.entry.start < end && addr < m.entry.end && (m.entry.executable || m.entry.inode != 0)) {
            p.stale = true;
            return;
        }
    }
}

void Unwinder::forget(pid_t pid) {
    m_impl->processes.erase(pid);
}

} // namespace trace
