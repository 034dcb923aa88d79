/*
 * The extension module fastmath._native of this scenario's wheel: two functions, built by
 * prebuild.groovy with clang-19 against the runtime bundle's SDK as a position-independent wasm
 * library (the way docs/wheels.md tells users to build a wasm32-wasi wheel).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Euclid's algorithm on two non-negative integers. */
static PyObject *gcd(PyObject *self, PyObject *args) {
  long long a, b;
  if (!PyArg_ParseTuple(args, "LL", &a, &b)) {
    return NULL;
  }
  if (a < 0 || b < 0) {
    PyErr_SetString(PyExc_ValueError, "gcd() takes non-negative integers");
    return NULL;
  }
  while (b != 0) {
    long long r = a % b;
    a = b;
    b = r;
  }
  return PyLong_FromLongLong(a);
}

/* The n-th Fibonacci number, n <= 92 (the last one a signed 64-bit integer holds). */
static PyObject *fib(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred()) {
    return NULL;
  }
  if (n < 0 || n > 92) {
    PyErr_SetString(PyExc_ValueError, "fib() takes 0 <= n <= 92");
    return NULL;
  }
  long long previous = 0, current = 1;
  if (n == 0) {
    return PyLong_FromLongLong(0);
  }
  for (long i = 1; i < n; i++) {
    long long next = previous + current;
    previous = current;
    current = next;
  }
  return PyLong_FromLongLong(current);
}

static PyMethodDef methods[] = {
    {"gcd", gcd, METH_VARARGS, "greatest common divisor of two non-negative integers"},
    {"fib", fib, METH_O, "the n-th Fibonacci number"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fastmath._native", NULL, -1, methods};

PyMODINIT_FUNC PyInit__native(void) { return PyModule_Create(&module); }
