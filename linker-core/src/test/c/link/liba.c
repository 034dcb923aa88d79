/* Linker test fixture: a library that calls into a library linked after it (a cycle). */
int a_counter = 40;

int a_add(int x, int y) { return x + y; }

/* Defined by libb.so, which needs this library: the call closes a dependency cycle. */
extern int b_twice(int x);

int a_calls_b(int x) { return b_twice(x) + 1; }

/* A function pointer in data: needs a relocation against this library's table base. */
int (*a_fn_ptr)(int, int) = a_add;

/* Changes memory after initialization: pre-initialization must keep the change. */
int a_bump(void) { return ++a_counter; }
