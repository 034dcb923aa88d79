/*
 * fastmath._native: a CPython 3.13 extension module written in C, compiled for wasm32-wasi as a
 * position-independent shared library by the componentize plugin's wheel goal (../../../pom.xml).
 * Inside the component CPython imports it with dlopen, which the component answers from the table
 * the linker wrote.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

/* stats(values) -> (count, mean, population standard deviation), one pass (Welford's method,
 * numerically stable for long inputs). */
static PyObject *stats(PyObject *self, PyObject *arg) {
  PyObject *seq = PySequence_Fast(arg, "stats() expects a sequence of numbers");
  if (seq == NULL) {
    return NULL;
  }
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  PyObject **items = PySequence_Fast_ITEMS(seq);
  double mean = 0.0, m2 = 0.0;
  for (Py_ssize_t i = 0; i < n; i++) {
    double x = PyFloat_AsDouble(items[i]);
    if (x == -1.0 && PyErr_Occurred()) {
      Py_DECREF(seq);
      return NULL;
    }
    double delta = x - mean;
    mean += delta / (double)(i + 1);
    m2 += delta * (x - mean);
  }
  Py_DECREF(seq);
  if (n == 0) {
    PyErr_SetString(PyExc_ValueError, "stats() of an empty sequence");
    return NULL;
  }
  return Py_BuildValue("(ndd)", n, mean, sqrt(m2 / (double)n));
}

/* histogram(values, low, high, bins) -> list of `bins` counts over [low, high); values outside
 * the range are not counted. */
static PyObject *histogram(PyObject *self, PyObject *args) {
  PyObject *values;
  double low, high;
  Py_ssize_t bins;
  if (!PyArg_ParseTuple(args, "Oddn", &values, &low, &high, &bins)) {
    return NULL;
  }
  if (bins <= 0 || !(high > low)) {
    PyErr_SetString(PyExc_ValueError, "histogram() needs bins > 0 and high > low");
    return NULL;
  }
  PyObject *seq = PySequence_Fast(values, "histogram() expects a sequence of numbers");
  if (seq == NULL) {
    return NULL;
  }
  Py_ssize_t *counts = PyMem_Calloc((size_t)bins, sizeof(Py_ssize_t));
  if (counts == NULL) {
    Py_DECREF(seq);
    return PyErr_NoMemory();
  }
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  PyObject **items = PySequence_Fast_ITEMS(seq);
  for (Py_ssize_t i = 0; i < n; i++) {
    double x = PyFloat_AsDouble(items[i]);
    if (x == -1.0 && PyErr_Occurred()) {
      PyMem_Free(counts);
      Py_DECREF(seq);
      return NULL;
    }
    if (x >= low && x < high) {
      counts[(Py_ssize_t)((x - low) / (high - low) * (double)bins)]++;
    }
  }
  Py_DECREF(seq);
  PyObject *result = PyList_New(bins);
  for (Py_ssize_t i = 0; result != NULL && i < bins; i++) {
    PyObject *count = PyLong_FromSsize_t(counts[i]);
    if (count == NULL) {
      Py_CLEAR(result);
    } else {
      PyList_SET_ITEM(result, i, count);
    }
  }
  PyMem_Free(counts);
  return result;
}

static PyMethodDef methods[] = {
    {"stats", stats, METH_O, "stats(values) -> (count, mean, population standard deviation)"},
    {"histogram", histogram, METH_VARARGS,
     "histogram(values, low, high, bins) -> list of counts per bin over [low, high)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fastmath._native",
                                    "Statistics in C.", -1, methods};

PyMODINIT_FUNC PyInit__native(void) { return PyModule_Create(&module); }
