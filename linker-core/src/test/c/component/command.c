// An ordinary wasi-libc C program: it knows only WASI preview1. The component test wraps it with
// the preview1 command adapter from jco (lib/wasi_snapshot_preview1.command.wasm) into a
// wasi:cli/command component and runs it with `jco run`. Built by build.sh (when the runtime
// bundle's sysroot is present) into ../../resources/component/command.wasm.
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  printf("Hello from wasi-libc through the preview1 adapter!\n");
  for (int i = 1; i < argc; i++) {
    printf("arg %d: %s\n", i, argv[i]);
  }
  fprintf(stderr, "stderr works too\n");
  return argc > 1 && strcmp(argv[1], "fail") == 0 ? 3 : 0;
}
