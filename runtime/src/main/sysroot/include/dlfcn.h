/*
 * <dlfcn.h> for componentize-wasi.
 *
 * wasi-libc 9886d3d has no dynamic loading at all. Our libdl serves dlopen/dlsym from the lookup
 * table the componentize linker writes into linear memory (docs/design/dlopen-table.md): every loadable
 * library is already linked into the component, so flags are accepted and ignored.
 * The flag values are the ones musl (and later wasi-libc) use, so code that stores or compares
 * them behaves as on Linux.
 */
#ifndef _DLFCN_H
#define _DLFCN_H

#ifdef __cplusplus
extern "C" {
#endif

#define RTLD_LAZY 1
#define RTLD_NOW 2
#define RTLD_NOLOAD 4
#define RTLD_NODELETE 4096
#define RTLD_GLOBAL 256
#define RTLD_LOCAL 0

/* Pseudo-handles; our dlsym does not support them and reports an error. */
#define RTLD_NEXT ((void *)-1)
#define RTLD_DEFAULT ((void *)0)

int dlclose(void *handle);
char *dlerror(void);
void *dlopen(const char *path, int flags);
void *dlsym(void *__restrict handle, const char *__restrict name);

#ifdef __cplusplus
}
#endif

#endif
