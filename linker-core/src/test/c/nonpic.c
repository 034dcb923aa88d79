/* Fixture: a plain (non-PIC) module with its own memory, a data segment and exports. */
static const char message[] = "non-pic data";
int table_of_values[4] = {1, 2, 3, 4};

int nonpic_sum(int n) {
  int s = 0;
  for (int i = 0; i < n && i < 4; i++) s += table_of_values[i] + message[i];
  return s;
}

long long nonpic_mul(long long a, long long b) { return a * b; }
