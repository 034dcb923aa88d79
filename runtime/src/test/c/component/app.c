/*
 * The entry library of the linked command component. It exports _start, which the preview1
 * command adapter's wasi:cli/run#run calls, and does what wasi-libc's crt1-command does after the
 * constructors (which the linker's init instance already ran): __main_void (libc.so) reads the
 * arguments through WASI and calls main. main calls greet in the other library (greet.so).
 */
#include <stdlib.h>

void greet(const char *who, int times);
int __main_void(void);
int __main_argc_argv(int argc, char **argv);

int main(int argc, char **argv) {
  greet(argc > 1 ? argv[1] : "linked component", argc > 2 ? atoi(argv[2]) : 1);
  return argc > 3 ? atoi(argv[3]) : 0;
}

/*
 * wasi-libc 9886d3d's libc.so carries a fallback __main_argc_argv for objects from before LLVM 13
 * that calls a plain `main`; the linker resolves __main_argc_argv to libc's (the first definer in
 * dependency order), so the plain symbol must exist and lead to the same main.
 */
int plain_main(int argc, char **argv) __asm__("main");
int plain_main(int argc, char **argv) { return __main_argc_argv(argc, argv); }

void _start(void) {
  int status = __main_void();
  if (status != 0) {
    exit(status);
  }
}
