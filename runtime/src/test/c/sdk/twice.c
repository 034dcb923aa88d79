/* twice: an extension module of two objects (this one and helper.c), built by the SDK driver. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

long twice_of(long value); /* helper.c */

static PyObject *twice(PyObject *self, PyObject *arg) {
  long value = PyLong_AsLong(arg);
  if (value == -1 && PyErr_Occurred()) {
    return NULL;
  }
  return PyLong_FromLong(twice_of(value));
}

static PyMethodDef methods[] = {{"twice", twice, METH_O, "twice(n) -> 2 * n"}, {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "twice", NULL, -1, methods};

PyMODINIT_FUNC PyInit_twice(void) { return PyModule_Create(&module); }
