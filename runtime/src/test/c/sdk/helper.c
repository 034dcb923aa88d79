/* The second object of the twice module; it includes Python.h too, as real extensions' files do. */
#include <Python.h>

long twice_of(long value) { return 2 * value; }
