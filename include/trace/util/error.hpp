#pragma once
// One exception type for errors that end the program with a one-line message.
#include <stdexcept>
#include <string>

namespace trace {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class FatalError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace trace
