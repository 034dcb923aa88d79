/* Uses an atomic read-modify-write: compiled with -matomics, it records +atomics. */
int counter;

int bump(void) { return __atomic_fetch_add(&counter, 1, __ATOMIC_SEQ_CST); }
