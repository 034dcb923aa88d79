/* Does not compile: the wheel goal must name this file and pass on clang's message. */
#include <Python.h>

PyMODINIT_FUNC PyInit_broken(void) { return undeclared_name; }
