// C++ frames for -k: names in a namespace, a member function, a template and a lambda must come out
// demangled, and a very long template name in full.
#include <unistd.h>

#define KEEP __attribute__((noinline))

namespace demo {

volatile int sink;

// Types whose list, as a template argument, makes a demangled name of over 600 characters.
#define DEMO_TYPE(n) struct a_type_with_a_rather_long_name_to_make_the_symbol_long_##n {};
DEMO_TYPE(01) DEMO_TYPE(02) DEMO_TYPE(03) DEMO_TYPE(04) DEMO_TYPE(05) DEMO_TYPE(06) DEMO_TYPE(07) DEMO_TYPE(08)
DEMO_TYPE(09) DEMO_TYPE(10)
#define DEMO_NAME(n) a_type_with_a_rather_long_name_to_make_the_symbol_long_##n

template <typename... Ts> struct List {};
using LongName = List<DEMO_NAME(01), DEMO_NAME(02), DEMO_NAME(03), DEMO_NAME(04), DEMO_NAME(05), DEMO_NAME(06),
                      DEMO_NAME(07), DEMO_NAME(08), DEMO_NAME(09), DEMO_NAME(10)>;

struct Widget {
    KEEP int emit(int n) const {
        const int r = static_cast<int>(getppid());
        sink = n;
        return r + n;
    }
};

template <typename T> KEEP int relay(const Widget& w, T n) {
    const int r = w.emit(static_cast<int>(n));
    sink = r;
    return r + 1;
}

template <typename Tag> KEEP int tagged(const Widget& w) {
    const int r = relay<long>(w, 2);
    sink = r;
    return r + 1;
}

} // namespace demo

int main() {
    const demo::Widget w;
    auto call = [&w]() KEEP {
        const int r = demo::tagged<demo::LongName>(w);
        demo::sink = r;
        return r;
    };
    demo::sink = call();
    return 0;
}
