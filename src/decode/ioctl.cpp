// ioctl: the request by name (or as _IOC(dir, type, nr, size)) and, for the terminal and file requests
// trace knows, the argument: termios, winsize, an int, an enumeration, or nothing.
#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/fd_info.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/fs.hpp"

#include <array>
#include <string_view>

namespace trace {

namespace {

// The kernel's struct termios (not glibc's, which is larger).
struct KernelTermios {
    std::uint32_t iflag;
    std::uint32_t oflag;
    std::uint32_t cflag;
    std::uint32_t lflag;
    std::uint8_t line;
    std::uint8_t cc[19];
};
static_assert(sizeof(KernelTermios) == 36);

struct KernelWinsize {
    std::uint16_t row;
    std::uint16_t col;
    std::uint16_t xpixel;
    std::uint16_t ypixel;
};

// Requests whose number another subsystem's request shares; strace prints both names.
struct SharedName {
    std::uint32_t code;
    std::string_view text;
};
constexpr std::array kSharedNames{
    SharedName{0x5402, "SNDCTL_TMR_START or TCSETS"},
    SharedName{0x5403, "SNDCTL_TMR_STOP or TCSETSW"},
    SharedName{0x5404, "SNDCTL_TMR_CONTINUE or TCSETSF"},
};

enum class IoctlArg {
    hex,
    none,
    int_in,
    int_out,
    termios_in,
    termios_out,
    winsize_in,
    winsize_out,
    flush,
    xonc,
    int_value
};

constexpr std::uint32_t kTCGETS = 0x5401, kTCSETS = 0x5402, kTCSETSW = 0x5403, kTCSETSF = 0x5404;
constexpr std::uint32_t kTIOCGWINSZ = 0x5413, kTIOCSWINSZ = 0x5414;

IoctlArg ioctl_arg_of(std::uint32_t code) {
    switch (code) {
    case kTCGETS:
    case 0x5456: // TIOCGLCKTRMIOS
        return IoctlArg::termios_out;
    case kTCSETS:
    case kTCSETSW:
    case kTCSETSF:
    case 0x5457: // TIOCSLCKTRMIOS
        return IoctlArg::termios_in;
    case kTIOCGWINSZ:
        return IoctlArg::winsize_out;
    case kTIOCSWINSZ:
        return IoctlArg::winsize_in;
    case 0x540f:     // TIOCGPGRP
    case 0x5429:     // TIOCGSID
    case 0x5424:     // TIOCGETD
    case 0x5419:     // TIOCGSOFTCAR
    case 0x80045430: // TIOCGPTN
    case 0x541b:     // FIONREAD
    case 0x5411:     // TIOCOUTQ
    case 0x80045440: // TIOCGEXCL
    case 0x80045432: // TIOCGDEV
        return IoctlArg::int_out;
    case 0x5410:     // TIOCSPGRP
    case 0x5423:     // TIOCSETD
    case 0x5421:     // FIONBIO
    case 0x5452:     // FIOASYNC
    case 0x5420:     // TIOCPKT
    case 0x541a:     // TIOCSSOFTCAR
    case 0x40045431: // TIOCSPTLCK
        return IoctlArg::int_in;
    case 0x540b: // TCFLSH
        return IoctlArg::flush;
    case 0x540a: // TCXONC
        return IoctlArg::xonc;
    case 0x5409: // TCSBRK
    case 0x5425: // TCSBRKP
    case 0x540e: // TIOCSCTTY
        return IoctlArg::int_value;
    case 0x5427: // TIOCSBRK
    case 0x5428: // TIOCCBRK
    case 0x541d: // TIOCCONS
    case 0x5422: // TIOCNOTTY
    case 0x540c: // TIOCEXCL
    case 0x540d: // TIOCNXCL
    case 0x5451: // FIOCLEX
    case 0x5450: // FIONCLEX
    case 0x5437: // TIOCVHANGUP
    case 0x541f: // TIOCSSERIAL
        return IoctlArg::none;
    default:
        return IoctlArg::hex;
    }
}

// _IOC(_IOC_READ|_IOC_WRITE, 0x78, 0x3, 0x64)
Value request_value(std::uint32_t code) {
    for (const SharedName& shared : kSharedNames)
        if (shared.code == code) return Value::symbol(std::string(shared.text), code);
    if (const char* name = enum_name(flagsets::ioctl_requests, code)) return Value::symbol(name, code);
    const std::uint32_t dir = code >> 30;
    const std::uint32_t size = (code >> 16) & 0x3fff;
    const std::uint32_t type = (code >> 8) & 0xff;
    const std::uint32_t nr = code & 0xff;
    Value v = Value::call("_IOC");
    v.push(dir == 0 ? Value::symbol("_IOC_NONE", 0) : flags_value(flagsets::ioc_dirs, dir));
    v.push(Value::hex(type));
    v.push(Value::hex(nr));
    v.push(Value::hex(size));
    return v.with_raw(code);
}

// c_oflag: each delay field by name, then the flags.
Value oflag_value(std::uint32_t v) {
    struct Field {
        FlagTable table;
        std::uint32_t mask;
        const char* unknown;
    };
    const std::array fields{
        Field{flagsets::term_nldly, 0000400, "NL?"},   Field{flagsets::term_crdly, 0003000, "CR?"},
        Field{flagsets::term_tabdly, 0014000, "TAB?"}, Field{flagsets::term_bsdly, 0020000, "BS?"},
        Field{flagsets::term_vtdly, 0040000, "VT?"},   Field{flagsets::term_ffdly, 0100000, "FF?"},
    };
    Value out = Value::flags(v);
    for (const Field& f : fields) {
        out.push(enum_value(f.table, v & f.mask, f.unknown));
        v &= ~f.mask;
    }
    const std::uint64_t rest = add_flag_names(out, flagsets::term_oflags, v);
    if (rest != 0) out.push(Value::hex(rest));
    return out;
}

// c_cflag: the baud rate, the input baud rate when set, the character size, then the flags.
Value cflag_value(std::uint32_t v) {
    constexpr std::uint32_t kCbaud = 0010017, kCibaud = 002003600000, kCsize = 0000060, kIbshift = 16;
    auto baud = [](std::uint32_t b) { return enum_value(flagsets::term_bauds, b, "B???"); };
    Value out = Value::flags(v);
    out.push(baud(v & kCbaud));
    if (v & kCibaud)
        out.push(Value::operation(baud((v & kCibaud) >> kIbshift), "<<", Value::name("IBSHIFT")));
    const char* size = enum_name(flagsets::term_csizes, v & kCsize);
    out.push(size != nullptr ? Value::symbol(size, v & kCsize) : Value::name("CS?"));
    const std::uint64_t rest = add_flag_names(out, flagsets::term_cflags, v & ~(kCbaud | kCibaud | kCsize));
    if (rest != 0) out.push(Value::hex(rest));
    return out;
}

Value termios_value(const DecodeContext& ctx, std::uint64_t addr) {
    KernelTermios t{};
    if (addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, t)) return Value::address(addr);
    Value v = Value::structure();
    v.add("c_iflag", flags_value(flagsets::term_iflags, t.iflag));
    v.add("c_oflag", oflag_value(t.oflag));
    v.add("c_cflag", cflag_value(t.cflag));
    v.add("c_lflag", flags_value(flagsets::term_lflags, t.lflag));
    if (ctx.abbrev()) {
        v.truncated = true;
        return v;
    }
    v.add("c_line", enum_value(flagsets::term_line_discs, t.line, "N_???"));
    Value cc = Value::array();
    for (std::uint32_t i = 0; i < sizeof t.cc; ++i) {
        const char* name = enum_name(flagsets::term_cc_names, i);
        Value index = Value::array();
        index.push(name != nullptr ? Value::name(name) : Value::unsigned_int(i));
        cc.push(Value::operation(std::move(index), "=", Value::hex(t.cc[i])));
    }
    v.add("c_cc", std::move(cc));
    return v;
}

Value winsize_value(const DecodeContext& ctx, std::uint64_t addr) {
    KernelWinsize w{};
    if (addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, w)) return Value::address(addr);
    Value v = Value::structure();
    v.add("ws_row", Value::unsigned_int(w.row));
    v.add("ws_col", Value::unsigned_int(w.col));
    v.add("ws_xpixel", Value::unsigned_int(w.xpixel));
    v.add("ws_ypixel", Value::unsigned_int(w.ypixel));
    return v;
}

Value ioctl_input(const DecodeContext& ctx, IoctlArg kind) {
    const std::uint64_t arg = ctx.arg(2);
    switch (kind) {
    case IoctlArg::termios_in:
        return termios_value(ctx, arg);
    case IoctlArg::winsize_in:
        return winsize_value(ctx, arg);
    case IoctlArg::int_in:
        return int_array_at(ctx.mem, arg);
    case IoctlArg::flush:
        return enum_value(flagsets::tcflsh_options, arg, "TC???");
    case IoctlArg::xonc:
        return enum_value(flagsets::tcxonc_options, arg, "TC???");
    case IoctlArg::int_value:
        return Value::signed_int(static_cast<std::int32_t>(static_cast<std::uint32_t>(arg)));
    default:
        return Value::hex(arg);
    }
}

} // namespace

int decode_ioctl_call(const DecodeContext& ctx, std::vector<Value>& values) {
    const auto code = static_cast<std::uint32_t>(ctx.arg(1));
    const IoctlArg kind = ioctl_arg_of(code);
    const bool output =
        kind == IoctlArg::termios_out || kind == IoctlArg::winsize_out || kind == IoctlArg::int_out;
    if (!ctx.call.exiting) {
        values.clear();
        values.push_back(fd_value(ctx, static_cast<int>(static_cast<std::uint32_t>(ctx.arg(0)))));
        values.push_back(request_value(code));
        if (kind == IoctlArg::none) return 2;
        if (output) {
            values.push_back(Value::unknown());
            return 2;
        }
        values.push_back(ioctl_input(ctx, kind));
        return 3;
    }
    if (output && values.size() == 3) {
        const std::uint64_t arg = ctx.arg(2);
        if (ctx.call.failed)
            values[2] = Value::address(arg);
        else if (kind == IoctlArg::termios_out)
            values[2] = termios_value(ctx, arg);
        else if (kind == IoctlArg::winsize_out)
            values[2] = winsize_value(ctx, arg);
        else
            values[2] = int_array_at(ctx.mem, arg);
    }
    return -1;
}

Value ioctl_return(const DecodeContext& ctx) {
    if (static_cast<std::uint32_t>(ctx.arg(1)) == 0x5441 && ctx.opts.fds.any()) // TIOCGPTPEER: a new fd
        return fd_value(ctx, static_cast<int>(ctx.call.ret));
    return Value::unknown();
}

} // namespace trace
