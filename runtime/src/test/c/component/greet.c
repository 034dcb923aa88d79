/*
 * The library of the linked command component that prints: it needs libc.so (printf reaches
 * WASI preview1 fd_write, which the preview1 adapter serves with wasi:cli/stdout).
 */
#include <stdio.h>

void greet(const char *who, int times) {
  for (int i = 1; i <= times; i++) {
    printf("Hello, %s! (%d of %d)\n", who, i, times);
  }
  fflush(stdout);
}
