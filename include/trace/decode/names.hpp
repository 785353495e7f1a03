#pragma once
// Names of errno values and signals, as strace prints them.
#include <string>

namespace trace {

// The highest signal number on x86-64 (SIGRTMAX, printed SIGRT_32).
inline constexpr int kMaxSignal = 64;

// "ENOENT"; for the kernel's internal restart codes "ERESTARTSYS" etc.; nullptr when unknown.
const char* errno_name(int err);
// "No such file or directory"; "To be restarted if SA_RESTART is set" for ERESTARTSYS; nullptr when unknown.
const char* errno_message(int err);
// The errno value of a name ("ENOENT" -> 2, also accepts "EWOULDBLOCK"), or -1.
int errno_from_name(const std::string& name);
// "SIGINT", "SIGRTMIN", "SIGRT_3"; for numbers out of range the number as text.
std::string signal_name(int sig);
// The number of a signal name with or without "SIG" ("INT", "SIGINT", "SIGRTMIN+3", "9"), or -1.
int signal_from_name(const std::string& name);

} // namespace trace
