/* Linker test fixture: needs liba.so; data and function references across libraries. */
extern int a_counter;
extern int a_add(int x, int y);
extern int (*a_fn_ptr)(int, int);
extern int maybe_missing(void) __attribute__((weak));

static int b_initialized;

__attribute__((constructor)) static void b_init(void) { b_initialized = a_counter + 2; }

int b_twice(int x) { return a_add(x, x); }

/* Calls a function of liba.so through a pointer stored in liba.so's data. */
int b_through_pointer(int x) { return a_fn_ptr(x, 100); }

/* Takes the address of liba.so's function itself (GOT.func). */
int b_through_own_pointer(int x) {
  int (*volatile f)(int, int) = a_add;
  return f(x, 1000);
}

int *b_counter_address(void) { return &a_counter; }

int b_get_initialized(void) { return b_initialized; }

int b_has_maybe_missing(void) { return maybe_missing ? 1 : 0; }
