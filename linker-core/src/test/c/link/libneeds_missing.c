/* Linker test fixture: calls functions no library defines. */
extern int nowhere_one(int);
extern double nowhere_two(double, int);

int calls_missing(int x) { return nowhere_one(x) + (int)nowhere_two(1.0, x); }
