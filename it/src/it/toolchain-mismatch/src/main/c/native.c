/*
 * A one-function extension module fastmath._native. prebuild.groovy compiles it with the runtime
 * bundle's SDK and then changes the wasi-libc revision in its componentize.toolchain section, as
 * if it had been compiled against another wasi-libc (wasi-sdk 25's 574b88d).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *square(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred()) {
    return NULL;
  }
  return PyLong_FromLong(x * x);
}

static PyMethodDef methods[] = {
    {"square", square, METH_O, "x * x"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fastmath._native", NULL, -1, methods};

PyMODINIT_FUNC PyInit__native(void) { return PyModule_Create(&module); }
