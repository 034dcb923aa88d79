// An extension module in C++ (no C++ standard library in the runtime: C's and CPython's API only).
// PyMODINIT_FUNC declares it extern "C" in C++.
#include <Python.h>

namespace {
struct Answer {
  long value() const { return 42; }
};
}  // namespace

PyMODINIT_FUNC PyInit_cplusplus(void) { return PyLong_FromLong(Answer().value()); }
