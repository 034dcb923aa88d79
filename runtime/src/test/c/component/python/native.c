/*
 * The extension module textstats._native of the linked Python component test. CPython finds its
 * file on a preopened directory and dlopens it; libdl answers from the linker's dlopen table, in
 * which the module is linked under that same path.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *count_words(PyObject *self, PyObject *arg) {
  Py_ssize_t len;
  const char *text = PyUnicode_AsUTF8AndSize(arg, &len);
  if (text == NULL) {
    return NULL;
  }
  long words = 0;
  int inside = 0;
  for (Py_ssize_t i = 0; i < len; i++) {
    int space = text[i] == ' ' || text[i] == '\t' || text[i] == '\n';
    words += !space && !inside;
    inside = !space;
  }
  return PyLong_FromLong(words);
}

static PyMethodDef methods[] = {
    {"count_words", count_words, METH_O, "the number of whitespace-separated words"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "textstats._native", NULL, -1, methods};

PyMODINIT_FUNC PyInit__native(void) { return PyModule_Create(&module); }
