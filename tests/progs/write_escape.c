// Writes to /dev/null with every kind of byte, for -s, -x and -xx escaping.
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

static void put(long fd, const char* buf, unsigned long len) { syscall(SYS_write, fd, buf, len); }

int main(void) {
    long fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_WRONLY);
    char controls[32];
    unsigned char high[128];
    char longbuf[100];
    for (int i = 0; i < 32; ++i)
        controls[i] = (char)i;
    for (int i = 0; i < 128; ++i)
        high[i] = (unsigned char)(128 + i);
    for (int i = 0; i < 100; ++i)
        longbuf[i] = (char)('a' + i % 26);

    put(fd, "hello, world\n", 13);                   // printable with a newline
    put(fd, "quote\" backslash\\ tab\t del\x7f", 28); // characters that need escaping
    put(fd, controls, 16);                           // \0 .. \17
    put(fd, controls + 16, 16);                      // \20 .. \37
    put(fd, (const char*)high, 32);                  // \200 ..
    put(fd, (const char*)high + 96, 32);             // .. \377
    put(fd, longbuf, 100);                           // longer than the default -s 32
    put(fd, "a\0b", 3);                              // NUL inside the buffer
    put(fd, "\0" "1\0" "9", 4);                      // NUL followed by digits
    put(fd, "h\xc3\xa9llo", 6);                      // UTF-8 bytes
    put(fd, "", 0);                                  // empty
    syscall(SYS_close, fd);
    return 0;
}
