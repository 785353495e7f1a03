// Finds a program in $PATH the way execvp does, so that the traced execve() shows a full path and
// a short argv[0]. Done before the behaviour under test; the access() calls appear in the trace.
#pragma once
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char* resolve_program(const char* name, char* out, size_t size) {
    if (strchr(name, '/') != NULL)
        return name;
    const char* path = getenv("PATH");
    while (path != NULL && *path != '\0') {
        const char* end = strchr(path, ':');
        size_t len = end != NULL ? (size_t)(end - path) : strlen(path);
        snprintf(out, size, "%.*s/%s", (int)len, path, name);
        if (access(out, X_OK) == 0)
            return out;
        path = end != NULL ? end + 1 : NULL;
    }
    return name;
}
