/* Calls a function nothing defines: the driver's link must fail, not defer it to run time. */
#include <Python.h>

int no_such_function(int);

PyMODINIT_FUNC PyInit_unresolved(void) { return PyLong_FromLong(no_such_function(1)); }
