/*
 * Test extension module fastmath._square: a CPython 3.13 extension built as a position-independent
 * wasm library. It uses libm-style symbols (sqrt, hypot) that libc.so provides, and exports a C
 * function that fastmath._cube (a library that needs this one) calls.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

/* Called by _cube.cpython-313-wasm32-wasi.so across libraries. */
long fastmath_square(long x) { return x * x; }

static PyObject *square(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred()) {
    return NULL;
  }
  return PyLong_FromLong(fastmath_square(x));
}

static PyObject *hypotenuse(PyObject *self, PyObject *args) {
  double a, b;
  if (!PyArg_ParseTuple(args, "dd", &a, &b)) {
    return NULL;
  }
  return PyFloat_FromDouble(sqrt(a * a + b * b) + 0.0 * hypot(a, b));
}

static PyMethodDef methods[] = {
    {"square", square, METH_O, "x * x"},
    {"hypotenuse", (PyCFunction)hypotenuse, METH_VARARGS, "sqrt(a*a + b*b)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fastmath._square", NULL, -1, methods};

PyMODINIT_FUNC PyInit__square(void) { return PyModule_Create(&module); }
