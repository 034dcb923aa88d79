/*
 * The small main of the linked-CPython test: runs CPython's command line with one extra built-in
 * module, _dltable, that lists the libraries the linker put in the dlopen table, so that a
 * meta-path finder can import extension modules whose .so files are on no file system.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* docs/design/dlopen-table.md */
struct dl_library {
  uint32_t name_len;
  const char *name;
  uint32_t symbol_count;
  const void *symbols;
};
struct dl_table {
  uint32_t magic;
  uint32_t version;
  uint32_t library_count;
  const struct dl_library *libraries;
};
extern const struct dl_table __componentize_dl_table __attribute__((weak));

static PyObject *names(PyObject *self, PyObject *unused) {
  PyObject *list = PyList_New(0);
  const struct dl_table *table = &__componentize_dl_table;
  if (list == NULL || table == NULL) {
    return list;
  }
  for (uint32_t i = 0; i < table->library_count; i++) {
    const struct dl_library *library = &table->libraries[i];
    PyObject *name = PyUnicode_DecodeUTF8(library->name, library->name_len, "strict");
    if (name == NULL || PyList_Append(list, name) < 0) {
      Py_XDECREF(name);
      Py_DECREF(list);
      return NULL;
    }
    Py_DECREF(name);
  }
  return list;
}

static PyMethodDef methods[] = {
    {"names", names, METH_NOARGS, "paths of the dl-openable libraries"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_dltable", NULL, -1, methods};

static PyObject *init_dltable(void) { return PyModule_Create(&module); }

static int run(int argc, char **argv) {
  PyImport_AppendInittab("_dltable", init_dltable);
  return Py_BytesMain(argc, argv);
}

/* clang names a main(int, char **) __main_argc_argv, which libc's __main_void calls. */
int main(int argc, char **argv) { return run(argc, argv); }

/*
 * wasi-libc 9886d3d's libc.so also carries its fallback __main_argc_argv for pre-LLVM-13 objects,
 * which calls a plain `main`; ours wins the lookup, but the fallback's import must still resolve.
 */
int old_style_main(int argc, char **argv) __asm__("main");
int old_style_main(int argc, char **argv) { return run(argc, argv); }
