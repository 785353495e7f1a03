#pragma once
// One exception type for errors that end the program with a one-line message.
#include <stdexcept>
#include <string>

namespace trace {

// A bad command line. hint: follow the message with "Try 'trace -h' for more information.", as
// strace does for option errors (but not for errors inside an -e expression).
class UsageError : public std::runtime_error {
public:
    explicit UsageError(const std::string& message, bool hint = true)
        : std::runtime_error(message), m_hint(hint) {}
    bool hint() const { return m_hint; }

private:
    bool m_hint;
};

class FatalError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace trace
