/* --json: a write of bytes that are not UTF-8, a failed open, and an exit code. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

int main(void) {
    int fd = open("/dev/null", O_WRONLY);
    write(fd, "\xff\xfe\"caf\xc3\xa9\"\n", 10);
    close(fd);
    open("/nonexistent/\xe2\x82", O_RDONLY);
    return 3;
}
