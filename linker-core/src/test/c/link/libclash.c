/* Linker test fixture: defines a_add with another signature than liba.so. */
long long a_add(long long x) { return x; }
