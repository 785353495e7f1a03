# The Debian package: `cpack -G DEB` in the build directory (./bootstrap --package) makes
# trace_VERSION_ARCH.deb of what `cmake --install` installs, under /usr. dpkg-shlibdeps declares the
# libraries trace links (libc, libstdc++, libfmt, libunwind) with the versions of the build system, so
# the package installs where it was built (`apt install ./trace_*.deb` pulls them in).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME trace)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "strace-compatible system call tracer for Linux x86-64")
set(CPACK_PACKAGE_DESCRIPTION
    "trace follows the system calls and signals of a program, as strace does and with strace's options and output, at a lower cost: seccomp-bpf filtering, buffered output, CPU placement. It adds reports strace lacks: per-descriptor statistics, latency histograms, JSON output.")
set(CPACK_PACKAGE_CONTACT "trace developers <trace@invalid>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
include(CPack)
