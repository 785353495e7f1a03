// Lookups over the generated syscall rows (syscall_rows.hpp, from syscalls/x86_64.tbl). Both indexes
// are built at compile time, so a lookup never allocates.
#include "trace/syscalls/table.hpp"

#include "syscall_rows.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace trace {
namespace {

using generated::kSyscallRows;

static_assert(!kSyscallRows.empty());
static_assert(std::ranges::adjacent_find(kSyscallRows, std::ranges::greater_equal{}, &SyscallEntry::nr) ==
                  kSyscallRows.end(),
              "rows must be in strictly ascending order of number");
static_assert(kSyscallRows.front().nr >= 0);
static_assert(kSyscallRows.size() < INT16_MAX);

constexpr int kNumberLimit = kSyscallRows.back().nr + 1;

// Row index for every number below kNumberLimit; -1 where the number has no syscall.
constexpr auto kRowByNumber = [] {
    std::array<std::int16_t, kNumberLimit> index{};
    index.fill(-1);
    for (std::size_t row = 0; row < kSyscallRows.size(); ++row) {
        index[static_cast<std::size_t>(kSyscallRows[row].nr)] = static_cast<std::int16_t>(row);
    }
    return index;
}();

constexpr std::string_view name_of(std::size_t row) {
    return kSyscallRows[row].name;
}

// Row indexes ordered by name, for binary search.
constexpr auto kRowsByName = [] {
    std::array<std::uint16_t, kSyscallRows.size()> order{};
    for (std::size_t row = 0; row < order.size(); ++row) {
        order[row] = static_cast<std::uint16_t>(row);
    }
    std::ranges::sort(order, {}, [](std::uint16_t row) { return name_of(row); });
    return order;
}();

static_assert(std::ranges::adjacent_find(kRowsByName, {}, [](std::uint16_t row) { return name_of(row); }) ==
                  kRowsByName.end(),
              "syscall names must be unique");

} // namespace

std::span<const SyscallEntry> syscall_table() {
    return kSyscallRows;
}

const SyscallEntry* find_syscall(long nr) {
    if (nr < 0 || nr >= kNumberLimit) return nullptr;
    const std::int16_t row = kRowByNumber[static_cast<std::size_t>(nr)];
    return row < 0 ? nullptr : &kSyscallRows[static_cast<std::size_t>(row)];
}

const SyscallEntry* find_syscall(std::string_view name) {
    const auto* it =
        std::ranges::lower_bound(kRowsByName, name, {}, [](std::uint16_t row) { return name_of(row); });
    if (it == kRowsByName.end() || name_of(*it) != name) return nullptr;
    return &kSyscallRows[*it];
}

int syscall_number_limit() {
    return kNumberLimit;
}

} // namespace trace
