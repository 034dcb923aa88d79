// A position-independent library for the linked-program component test. With the linker's
// fixture liba.so (src/test/c/link/liba.c) it forms a dependency cycle: liba.so calls b_twice,
// defined here, and this library calls liba.so. Compiled and linked by the test with the link
// package's Clang helper.
extern int a_add(int x, int y);
extern int a_calls_b(int x);
extern int a_counter;

int b_twice(int x) { return a_add(x, x); }

// Through liba.so and back here (the linker's trampoline for the cycle): 2x + 1.
__attribute__((export_name("twice-plus-one"))) int twice_plus_one(int x) { return a_calls_b(x); }

// a_counter is 40 in liba.so's data: reading it proves the data relocations and GOT.mem wiring.
__attribute__((export_name("counter"))) int counter(void) { return a_counter; }
