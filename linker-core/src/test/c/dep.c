/* Fixture: a PIC library other fixtures need; exports code and data. */
int dep_counter = 7;
const char dep_greeting[] = "hello from dep";

int dep_add(int a, int b) { return a + b + dep_counter; }

long long dep_wide(long long x) { return x * 3; }
