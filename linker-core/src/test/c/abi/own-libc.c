/*
 * An extension module that allocates and prints: linked -shared WITHOUT -nostdlib against a
 * sysroot, the static libc.a's malloc and stdio land inside it (a second libc in the program).
 */
#include <stdio.h>
#include <stdlib.h>

int own_libc_hello(void) {
  char *buffer = malloc(16);
  int n = snprintf(buffer, 16, "hello %d", 42);
  puts(buffer);
  free(buffer);
  return n;
}
