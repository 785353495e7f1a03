#pragma once
// The data of -e read=FD / -e write=FD, shown after the call's line as strace's hex dump.
#include <string>

namespace trace {

struct DataDump {
    std::string bytes;
    int buffer = -1; // the iovec it came from (" * 5 bytes in buffer 0"), or -1 for a plain buffer
};

} // namespace trace
