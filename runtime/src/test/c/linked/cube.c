/*
 * Test extension module fastmath._cube: needs _square.cpython-313-wasm32-wasi.so (dylink.0
 * "needed") and calls its exported C function.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

extern long fastmath_square(long x);

static PyObject *cube(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred()) {
    return NULL;
  }
  return PyLong_FromLong(fastmath_square(x) * x);
}

static PyMethodDef methods[] = {
    {"cube", cube, METH_O, "x * x * x, computed with _square's C function"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fastmath._cube", NULL, -1, methods};

PyMODINIT_FUNC PyInit__cube(void) { return PyModule_Create(&module); }
