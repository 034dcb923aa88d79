/* Fixture: a PIC library that needs libdep.so and exercises every import class:
   env functions, GOT.mem (external data), GOT.func (address of an external function),
   a weak undefined data symbol and a weak undefined function. */
extern int dep_counter;
extern const char dep_greeting[];
int dep_add(int a, int b);
long long dep_wide(long long x);

extern int optional_hook(int) __attribute__((weak));
extern const int optional_table __attribute__((weak));

static int (*adder)(int, int) = dep_add;
int *counter_ref = &dep_counter;
char buffer[256];
_Thread_local int pic_tls = 5; /* exported with WASM_SYM_TLS in dylink.0 export-info */
double ratio = 1.5;

static int local_square(int x) { return x * x; }
int (*squarer)(int) = local_square;

int pic_entry(int x) {
  int r = adder(x, *counter_ref) + squarer(x) + (int)dep_wide(x);
  if (optional_hook) r += optional_hook(x);
  if (&optional_table) r += optional_table;
  buffer[x & 255] = dep_greeting[0];
  return r + pic_tls;
}

float pic_scale(float f) { return f * (float)ratio; }

__attribute__((constructor)) static void pic_init(void) { buffer[0] = 1; }
