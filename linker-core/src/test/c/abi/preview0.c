/* Calls WASI preview 0 (module wasi_unstable), which old wasi-libc releases targeted. */
__attribute__((import_module("wasi_unstable"), import_name("fd_write")))
extern int fd_write(int fd, const void *iovs, unsigned long iovs_len, unsigned long *written);

int say(const void *iovs, unsigned long count) {
  unsigned long written;
  return fd_write(1, iovs, count, &written);
}
