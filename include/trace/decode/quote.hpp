#pragma once
// strace's quoting of bytes inside text the decoders compose (a UNIX socket's name in -yy, an abstract
// socket address after its '@'): "..." with C escapes, octal for other bytes. Ordinary strings are
// String values, quoted by the printer.
#include <string>
#include <string_view>

namespace trace {

std::string quote_c(std::string_view bytes);

} // namespace trace
