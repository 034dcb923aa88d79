/*
 * A small extension-module-like library: exported functions, a data symbol and an import that
 * another library (libm) would provide. Compiled by the abi tests with clang-19 -fPIC -shared.
 */
extern double sqrt(double);

int fastmath_calls;

double fastmath_hypot(double a, double b) {
  fastmath_calls++;
  return sqrt(a * a + b * b);
}
