/*
 * An extension module fastmath._native that calls fastmath_fast_square, which it expects from a
 * library that is not in the build (no wheel and no runtime library defines it). It compiles and
 * links (-Wl,--allow-undefined turns it into an import); the componentize link must refuse it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

extern long fastmath_fast_square(long x);

static PyObject *square(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred()) {
    return NULL;
  }
  return PyLong_FromLong(fastmath_fast_square(x));
}

static PyMethodDef methods[] = {
    {"square", square, METH_O, "x * x"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fastmath._native", NULL, -1, methods};

PyMODINIT_FUNC PyInit__native(void) { return PyModule_Create(&module); }
