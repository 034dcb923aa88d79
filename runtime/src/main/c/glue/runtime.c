/*
 * The entry points of libcomponentize.so (docs/design/python-glue.md): CPython start-up for the
 * pre-initializer, dispatch of exports to the app, imports called from Python through the
 * `_componentize` module, exported-resource representations, and the canonical ABI realloc.
 */
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>
#include <wasi/libc-find-relpath.h>
#include <wasi/libc.h>

#include "glue.h"

#define EXPORT __attribute__((visibility("default")))

/* From libworld.so (generated per world): the descriptor blob and the import trampoline. Weak,
 * so that the glue links and passes the bundle's checks on its own (dylink.0 marks the imports
 * weak); without a libworld.so, componentize_init reports the missing descriptor. */
extern const uint8_t componentize_world[] __attribute__((weak));
extern void componentize_call_import(uint32_t import_index, uint8_t *params, uint8_t *results)
    __attribute__((weak));

cz_world cz_the_world;
PyObject *cz_classes;
PyObject *cz_ok_class;
PyObject *cz_err_class;
PyObject *cz_some_class;

static bool initialized;
/* componentize_init_runtime has run: CPython started, wit_world imported. */
static bool runtime_ready;
/* Set by pre-initialization's snapshot as false; the first export call at run time reads the
 * real arguments and environment. */
static bool run_time_started;
static PyObject *app_module;
static PyObject **export_targets; /* per export: the resolved callable */
/* componentize_http.internal_error when the world exports wasi:http/incoming-handler; loaded at
 * build time, since a module first imported at run time is not in the snapshot. */
static PyObject *http_internal_error;
static PyObject *singletons; /* class -> the one instance the glue made of it */
static PyObject *async_module; /* componentize_async, for worlds with async functions */

static _Noreturn void trap_with_traceback(const char *context) {
  fprintf(stderr, "componentize: %s\n", context);
  if (PyErr_Occurred()) PyErr_Print();
  PyObject *err = PySys_GetObject("stderr");
  if (err != NULL) {
    PyObject *r = PyObject_CallMethod(err, "flush", NULL);
    Py_XDECREF(r);
    PyErr_Clear();
  }
  fflush(stderr);
  __builtin_trap();
}

/* wasi:http/incoming-handler's handle, of any 0.2.x version. */
static bool is_http_handle(const cz_function *f) {
  static const char prefix[] = "wasi:http/incoming-handler@", suffix[] = "#handle";
  size_t length = strlen(f->name);
  return strncmp(f->name, prefix, sizeof prefix - 1) == 0 && length > sizeof suffix - 1 &&
         strcmp(f->name + length - (sizeof suffix - 1), suffix) == 0;
}

/* SystemExit escaping an export (`sys.exit(n)`, `exit()`) ends the component as it would end
 * `python app.py`: status `code` (None is 0, an int is taken modulo 256 as POSIX exit does, any
 * other value is printed to stderr and is status 1). The status goes to wasi:cli/exit's
 * `exit-with-code` when the world imports it (docs/python-features.md); otherwise to preview1's
 * proc_exit, which the adapter maps to `exit(ok)` for 0 and `exit(err)` (status 1) for the rest. */
static _Noreturn void exit_component(void) {
  PyObject *raised = PyErr_GetRaisedException();
  PyObject *code = PyObject_GetAttrString(raised, "code");
  uint32_t status = 1;
  if (code == NULL || code == Py_None) {
    status = code == NULL ? 1 : 0;
  } else if (PyLong_Check(code)) {
    status = (uint32_t)PyLong_AsLong(code) & 0xff;
  } else {
    PyObject_Print(code, stderr, Py_PRINT_RAW);
    fputc('\n', stderr);
  }
  PyErr_Clear();
  Py_XDECREF(code);
  Py_XDECREF(raised);
  PyObject *out = PySys_GetObject("stdout");
  if (out != NULL) {
    PyObject *r = PyObject_CallMethod(out, "flush", NULL);
    Py_XDECREF(r);
    PyErr_Clear();
  }
  fflush(stdout);
  fflush(stderr);
  for (uint32_t i = 0; i < cz_the_world.import_count; i++) {
    const char *name = cz_the_world.imports[i].name;
    const char *field = strrchr(name, '.');
    if (strncmp(name, "wasi:cli/exit@", 14) == 0 && field != NULL &&
        strcmp(field, ".exit-with-code") == 0) {
      uint64_t params[1] = {status};
      uint64_t results[1] = {0};
      componentize_call_import(i, (uint8_t *)params, (uint8_t *)results);
    }
  }
  __wasi_proc_exit(status);
}

/* ---- allocations to free at post-return ------------------------------------------------------ */

static void **tracked;
static size_t tracked_count, tracked_capacity;

void cz_track_allocation(void *pointer) {
  if (tracked_count == tracked_capacity) {
    tracked_capacity = tracked_capacity ? 2 * tracked_capacity : 16;
    tracked = realloc(tracked, tracked_capacity * sizeof(void *));
    if (tracked == NULL) __builtin_trap();
  }
  tracked[tracked_count++] = pointer;
}

void cz_free_tracked(void) {
  for (size_t i = 0; i < tracked_count; i++) free(tracked[i]);
  tracked_count = 0;
}

/* ---- exported resources: representation table ----------------------------------------------- */

typedef struct rep_entry {
  PyObject *object; /* strong reference; NULL when free */
  uint32_t resource_type;
  uint32_t handles;    /* own handles that exist for this rep, wherever they are */
  uint32_t held;       /* an own handle the component holds (received by an export), or 0 */
} rep_entry;

static rep_entry *reps; /* reps[0] unused: a rep is never 0 */
static uint32_t rep_count, rep_capacity, rep_free_hint = 1;

static uint32_t rep_insert(PyObject *object, uint32_t resource_type) {
  if (rep_count == 0) rep_count = 1;
  uint32_t rep = 0;
  for (uint32_t i = rep_free_hint; i < rep_count; i++) {
    if (reps[i].object == NULL) {
      rep = i;
      break;
    }
  }
  if (rep == 0) {
    if (rep_count == rep_capacity) {
      rep_capacity = rep_capacity ? 2 * rep_capacity : 16;
      reps = realloc(reps, rep_capacity * sizeof(rep_entry));
      if (reps == NULL) __builtin_trap();
    }
    rep = rep_count++;
  }
  reps[rep] = (rep_entry){Py_NewRef(object), resource_type, 0, 0};
  rep_free_hint = rep + 1;
  return rep;
}

/* The rep of `object` as a resource of `resource_type`, or 0. A linear search: components hold
 * few live exported resources, and the app's objects need no attribute of ours. */
static uint32_t rep_find(PyObject *object, uint32_t resource_type) {
  for (uint32_t i = 1; i < rep_count; i++) {
    if (reps[i].object == object && reps[i].resource_type == resource_type) return i;
  }
  return 0;
}

uint32_t cz_rep_own_handle(PyObject *object, uint32_t resource_type) {
  uint32_t rep = rep_find(object, resource_type);
  if (rep != 0 && reps[rep].held != 0) {
    uint32_t handle = reps[rep].held;
    reps[rep].held = 0;
    return handle;
  }
  if (rep == 0) rep = rep_insert(object, resource_type);
  reps[rep].handles++;
  cz_type *resource = &cz_the_world.types[resource_type];
  return cz_call_intrinsic(resource->new_import, rep);
}

PyObject *cz_rep_adopt_handle(uint32_t handle, uint32_t resource_type) {
  cz_type *resource = &cz_the_world.types[resource_type];
  uint32_t rep = cz_call_intrinsic(resource->rep_import, handle);
  PyObject *object = cz_rep_get(rep);
  /* Holding a second handle for the same object would be legal; this keeps the latest, so an
   * older one is only released by the host (a small leak until then, never a double free). */
  if (object != NULL) reps[rep].held = handle;
  return object;
}

PyObject *cz_rep_get(uint32_t rep) {
  if (rep == 0 || rep >= rep_count || reps[rep].object == NULL) {
    PyErr_Format(PyExc_RuntimeError, "componentize: resource representation %u is not live", rep);
    return NULL;
  }
  return reps[rep].object;
}

/* One own handle of `rep` was dropped (its destructor runs): the object goes with the last. */
void cz_rep_remove(uint32_t rep) {
  if (rep == 0 || rep >= rep_count || reps[rep].object == NULL) return;
  if (reps[rep].handles > 1) {
    reps[rep].handles--;
    return;
  }
  reps[rep].handles = 0;
  reps[rep].held = 0;
  Py_CLEAR(reps[rep].object);
  if (rep < rep_free_hint) rep_free_hint = rep;
}

uint32_t cz_call_intrinsic(uint32_t import_index, uint32_t argument) {
  uint64_t params[1] = {argument};
  uint64_t results[1] = {0};
  componentize_call_import(import_index, (uint8_t *)params, (uint8_t *)results);
  return (uint32_t)results[0];
}

/* The destructor of an exported resource (`<iface>#[dtor]R` in libworld.so). */
EXPORT void componentize_drop_rep(uint32_t resource_type_index, uint32_t rep) {
  (void)resource_type_index;
  cz_rep_remove(rep);
}

/* ---- the canonical ABI realloc --------------------------------------------------------------- */

EXPORT void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  return cz_realloc(old, old_size, align, new_size);
}

/* ---- parameter tuples in memory (spilled parameters: CanonicalABI.md "Flattening") --------- */

static uint32_t align_up(uint32_t value, uint32_t align) { return (value + align - 1) / align * align; }

/* Offset of parameter `index` within the tuple of all parameters, and the tuple's size/align. */
static uint32_t param_offset(cz_function *f, uint32_t index, uint32_t *size, uint32_t *align) {
  uint32_t offset = 0, max_align = 1, result = 0;
  for (uint32_t i = 0; i < f->param_count; i++) {
    cz_type *t = &cz_the_world.types[f->params[i]];
    offset = align_up(offset, t->align);
    if (i == index) result = offset;
    offset += t->size;
    if (t->align > max_align) max_align = t->align;
  }
  if (size) *size = align_up(offset, max_align);
  if (align) *align = max_align;
  return result;
}

/* ---- the `_componentize` module --------------------------------------------------------------- */

static PyObject *module_register(PyObject *self, PyObject *classes) {
  (void)self;
  if (!PyList_Check(classes)) {
    PyErr_SetString(PyExc_TypeError, "register() expects a list of classes");
    return NULL;
  }
  Py_XSETREF(cz_classes, PyList_GetSlice(classes, 0, PyList_GET_SIZE(classes)));
  if (cz_classes == NULL) return NULL;
  Py_RETURN_NONE;
}

/* Whether a call passes `nargs` arguments for function `f` after its index; else a TypeError. */
static int has_param_count(const cz_function *f, Py_ssize_t nargs) {
  if ((uint32_t)(nargs - 1) == f->param_count) return 1;
  PyErr_Format(PyExc_TypeError, "%s takes %u arguments (%zd given)", f->callable, f->param_count,
               nargs - 1);
  return 0;
}

/* Whether a built-in got exactly `want` arguments; else a TypeError with `message`. */
static int has_nargs(Py_ssize_t nargs, Py_ssize_t want, const char *message) {
  if (nargs == want) return 1;
  PyErr_SetString(PyExc_TypeError, message);
  return 0;
}

static PyObject *module_call_import(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  (void)self;
  if (nargs < 1) {
    PyErr_SetString(PyExc_TypeError, "call_import(index, *args) needs an index");
    return NULL;
  }
  long index = PyLong_AsLong(args[0]);
  if (index == -1 && PyErr_Occurred()) return NULL;
  if (index < 0 || (uint32_t)index >= cz_the_world.import_count) {
    PyErr_Format(PyExc_IndexError, "import %ld does not exist (the world has %u imports)", index,
                 cz_the_world.import_count);
    return NULL;
  }
  cz_function *f = &cz_the_world.imports[index];
  if (!has_param_count(f, nargs)) return NULL;

  cz_lower_context lower = {0};
  uint64_t params[CZ_MAX_FLAT_PARAMS];
  uint8_t *spilled_params = NULL;
  if (f->flat_params <= CZ_MAX_FLAT_PARAMS) {
    uint32_t slot = 0;
    for (uint32_t i = 0; i < f->param_count; i++) {
      if (cz_lower_flat(f->params[i], args[i + 1], params, &slot, &lower) < 0) goto failed;
    }
  } else {
    /* Too many flat values: the callee gets one pointer to the parameters in memory. */
    uint32_t size, align;
    param_offset(f, 0, &size, &align);
    spilled_params = cz_realloc(NULL, 0, align, size);
    for (uint32_t i = 0; i < f->param_count; i++) {
      uint8_t *at = spilled_params + param_offset(f, i, NULL, NULL);
      if (cz_store(f->params[i], args[i + 1], at, &lower) < 0) goto failed;
    }
    params[0] = (uint32_t)(uintptr_t)spilled_params;
  }

  /* Results: one flat value comes back in a slot; more are written by the callee to a buffer
   * we provide (CanonicalABI.md: the lowered import takes a trailing return pointer). */
  cz_type *result_type = f->result == CZ_NONE ? NULL : &cz_the_world.types[f->result];
  uint64_t result_slot[1] = {0};
  uint8_t *results = (uint8_t *)result_slot;
  bool spilled = f->flat_results > CZ_MAX_FLAT_RESULTS;
  if (spilled) results = cz_realloc(NULL, 0, result_type->align, result_type->size);

  componentize_call_import((uint32_t)index, (uint8_t *)params, results);
  /* The caller keeps ownership of lowered arguments (CanonicalABI.md: lowering an import's
   * parameters borrows them for the call). */
  cz_lower_context_free(&lower);
  free(spilled_params);

  PyObject *value = Py_None;
  cz_lift_context lift = {.free_lifted = true};
  if (result_type == NULL) {
    value = Py_NewRef(Py_None);
  } else if (spilled) {
    value = cz_load(f->result, results, &lift);
    if (result_type->size != 0) free(results);
  } else {
    uint32_t slot = 0;
    value = cz_lift_flat(f->result, result_slot, &slot, &lift);
  }
  return value;

failed:
  cz_lower_context_free(&lower);
  free(spilled_params);
  return NULL;
}

static PyObject *module_drop(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  (void)self;
  if (!has_nargs(nargs, 2, "drop(index, handle) takes 2 arguments")) return NULL;
  long index = PyLong_AsLong(args[0]);
  if (index == -1 && PyErr_Occurred()) return NULL;
  unsigned long handle = PyLong_AsUnsignedLong(args[1]);
  if (handle == (unsigned long)-1 && PyErr_Occurred()) return NULL;
  cz_call_intrinsic((uint32_t)index, (uint32_t)handle);
  Py_RETURN_NONE;
}

/* ---- component-model async (Async.md; the event loop is runtime/src/main/python/componentize_async.py) */

/* Import index of the first task/waitable built-in (libworld.so imports them after the resource
 * intrinsics, in this order: WorldPlan.ASYNC_BUILTINS); CZ_NONE when the world has no async
 * function. */
static uint32_t async_builtins = CZ_NONE;
enum {
  CZ_WAITABLE_SET_NEW,
  CZ_WAITABLE_SET_DROP,
  CZ_WAITABLE_JOIN,
  CZ_SUBTASK_DROP,
  CZ_CONTEXT_GET,
  CZ_CONTEXT_SET,
  CZ_SUBTASK_CANCEL
};

static PyObject *async_builtin(uint32_t which, PyObject *const *args, Py_ssize_t nargs,
                               Py_ssize_t want) {
  if (async_builtins == CZ_NONE) {
    PyErr_SetString(PyExc_RuntimeError, "the world has no async function");
    return NULL;
  }
  if (nargs != want) {
    PyErr_Format(PyExc_TypeError, "expected %zd arguments, got %zd", want, nargs);
    return NULL;
  }
  uint64_t params[2] = {0, 0};
  for (Py_ssize_t i = 0; i < nargs; i++) {
    unsigned long v = PyLong_AsUnsignedLong(args[i]);
    if (v == (unsigned long)-1 && PyErr_Occurred()) return NULL;
    params[i] = (uint32_t)v;
  }
  uint64_t results[1] = {0};
  componentize_call_import(async_builtins + which, (uint8_t *)params, (uint8_t *)results);
  return PyLong_FromUnsignedLong((uint32_t)results[0]);
}

#define CZ_BUILTIN(name, which, want)                                                         \
  static PyObject *module_##name(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {   \
    (void)self;                                                                               \
    return async_builtin(which, args, nargs, want);                                           \
  }
CZ_BUILTIN(waitable_set_new, CZ_WAITABLE_SET_NEW, 0)
CZ_BUILTIN(waitable_set_drop, CZ_WAITABLE_SET_DROP, 1)
CZ_BUILTIN(waitable_join, CZ_WAITABLE_JOIN, 2)
CZ_BUILTIN(subtask_drop, CZ_SUBTASK_DROP, 1)
CZ_BUILTIN(context_get, CZ_CONTEXT_GET, 0)
CZ_BUILTIN(context_set, CZ_CONTEXT_SET, 1)
CZ_BUILTIN(subtask_cancel, CZ_SUBTASK_CANCEL, 1)

/* An async import call in flight: what its lowered arguments own and where the host writes its
 * result. Everything stays allocated until the subtask has returned (the callee may read the
 * arguments until it has started, and writes the result when it returns). */
typedef struct cz_pending_call {
  uint32_t import_index;
  bool finished;
  cz_lower_context lower;
  uint8_t *spilled_params;
  uint8_t *result;
} cz_pending_call;

#define CZ_PENDING_CALL "componentize.pending_call"

static void pending_release(cz_pending_call *call) {
  if (call->finished) return;
  call->finished = true;
  cz_lower_context_free(&call->lower);
  free(call->spilled_params);
  cz_function *f = &cz_the_world.imports[call->import_index];
  if (call->result != NULL && cz_the_world.types[f->result].size != 0) free(call->result);
  call->spilled_params = NULL;
  call->result = NULL;
}

static void pending_destroy(PyObject *capsule) {
  cz_pending_call *call = PyCapsule_GetPointer(capsule, CZ_PENDING_CALL);
  if (call == NULL) return;
  pending_release(call);
  free(call);
}

/* call_import_async(index, *args) -> (status, call): calls import `index` with the async ABI
 * (CanonicalABI.md "canon lower" async: at most 4 flat parameters, else a pointer to them, then
 * a pointer for the result); `status` has the subtask state in its low 4 bits and the subtask's
 * handle above them. */
static PyObject *module_call_import_async(PyObject *self, PyObject *const *args,
                                          Py_ssize_t nargs) {
  (void)self;
  if (nargs < 1) {
    PyErr_SetString(PyExc_TypeError, "call_import_async(index, *args) needs an index");
    return NULL;
  }
  long index = PyLong_AsLong(args[0]);
  if (index == -1 && PyErr_Occurred()) return NULL;
  if (index < 0 || (uint32_t)index >= cz_the_world.import_count ||
      !(cz_the_world.imports[index].flags & CZ_FLAG_ASYNC)) {
    PyErr_Format(PyExc_IndexError, "import %ld is not an async import of the world", index);
    return NULL;
  }
  cz_function *f = &cz_the_world.imports[index];
  if (!has_param_count(f, nargs)) return NULL;
  cz_pending_call *call = calloc(1, sizeof *call);
  call->import_index = (uint32_t)index;
  PyObject *capsule = PyCapsule_New(call, CZ_PENDING_CALL, pending_destroy);
  if (capsule == NULL) {
    free(call);
    return NULL;
  }
  uint64_t params[CZ_MAX_FLAT_ASYNC_PARAMS + 1];
  uint32_t slot = 0;
  if (f->flat_params <= CZ_MAX_FLAT_ASYNC_PARAMS) {
    for (uint32_t i = 0; i < f->param_count; i++) {
      if (cz_lower_flat(f->params[i], args[i + 1], params, &slot, &call->lower) < 0) goto failed;
    }
  } else {
    uint32_t size, align;
    param_offset(f, 0, &size, &align);
    call->spilled_params = cz_realloc(NULL, 0, align, size);
    for (uint32_t i = 0; i < f->param_count; i++) {
      uint8_t *at = call->spilled_params + param_offset(f, i, NULL, NULL);
      if (cz_store(f->params[i], args[i + 1], at, &call->lower) < 0) goto failed;
    }
    params[slot++] = (uint32_t)(uintptr_t)call->spilled_params;
  }
  if (f->result != CZ_NONE) {
    cz_type *t = &cz_the_world.types[f->result];
    call->result = cz_realloc(NULL, 0, t->align, t->size);
    params[slot++] = (uint32_t)(uintptr_t)call->result;
  }
  uint64_t results[1] = {0};
  componentize_call_import((uint32_t)index, (uint8_t *)params, (uint8_t *)results);
  return Py_BuildValue("(kN)", (unsigned long)(uint32_t)results[0], capsule);

failed:
  Py_DECREF(capsule);
  return NULL;
}

/* async_import_index(name) -> index or None: the async import whose descriptor name (core module
 * "." core field, e.g. "wasi:clocks/monotonic-clock@0.3.0.[async-lower]wait-for") is `name`; the
 * event loop finds the clock its timers run on this way. */
static PyObject *module_async_import_index(PyObject *self, PyObject *name_object) {
  (void)self;
  const char *name = PyUnicode_AsUTF8(name_object);
  if (name == NULL) return NULL;
  for (uint32_t i = 0; i < cz_the_world.import_count; i++) {
    cz_function *f = &cz_the_world.imports[i];
    if ((f->flags & CZ_FLAG_ASYNC) && strcmp(f->name, name) == 0) return PyLong_FromUnsignedLong(i);
  }
  Py_RETURN_NONE;
}

/* finish_import(call): the result of a returned async import call, lifted; frees the call's
 * memory. */
static PyObject *module_finish_import(PyObject *self, PyObject *capsule) {
  (void)self;
  cz_pending_call *call = PyCapsule_GetPointer(capsule, CZ_PENDING_CALL);
  if (call == NULL) return NULL;
  if (call->finished) {
    PyErr_SetString(PyExc_RuntimeError, "the async import call was already finished");
    return NULL;
  }
  cz_function *f = &cz_the_world.imports[call->import_index];
  PyObject *value;
  if (f->result == CZ_NONE) {
    value = Py_NewRef(Py_None);
  } else {
    cz_lift_context lift = {.free_lifted = true};
    value = cz_load(f->result, call->result, &lift);
  }
  pending_release(call);
  return value;
}

static PyObject *export_for_async(PyObject *index_object, cz_function **f) {
  long index = PyLong_AsLong(index_object);
  if (index == -1 && PyErr_Occurred()) return NULL;
  if (index < 0 || (uint32_t)index >= cz_the_world.export_count ||
      cz_the_world.exports[index].task_return == CZ_NONE) {
    PyErr_Format(PyExc_IndexError, "export %ld is not an async export of the world", index);
    return NULL;
  }
  *f = &cz_the_world.exports[index];
  return Py_None;
}

/* is_error_result(index, exception): whether an exception ending async export `index` is the
 * `err` of its result type (an `Err` raised from a function returning result<_, E>). */
static PyObject *module_is_error_result(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  (void)self;
  cz_function *f;
  if (nargs != 2 || export_for_async(args[0], &f) == NULL) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "is_error_result(index, exception)");
    return NULL;
  }
  bool error = f->result != CZ_NONE && cz_the_world.types[f->result].kind == CZ_RESULT &&
               cz_err_class != NULL && PyObject_TypeCheck(args[1], (PyTypeObject *)cz_err_class);
  return PyBool_FromLong(error);
}

/* task_return(index, value): hands async export `index`'s result to the host (CanonicalABI.md
 * "canon task.return": the flat results as parameters, at most 16, else one pointer). The host
 * copies the values during the call, so what lowering allocated is freed right after it. A plain
 * value is the `ok` of a result type, as for a synchronous export. */
static PyObject *module_task_return(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  (void)self;
  cz_function *f;
  if (nargs != 2 || export_for_async(args[0], &f) == NULL) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "task_return(index, value)");
    return NULL;
  }
  cz_type *result_type = f->result == CZ_NONE ? NULL : &cz_the_world.types[f->result];
  PyObject *value = Py_NewRef(args[1]);
  if (result_type != NULL && result_type->kind == CZ_RESULT) {
    int is_ok = cz_ok_class ? PyObject_TypeCheck(value, (PyTypeObject *)cz_ok_class) : 0;
    int is_err = cz_err_class ? PyObject_TypeCheck(value, (PyTypeObject *)cz_err_class) : 0;
    if (!is_ok && !is_err) {
      if (cz_ok_class == NULL) {
        Py_DECREF(value);
        PyErr_SetString(PyExc_RuntimeError, "wit_world.Ok is missing");
        return NULL;
      }
      Py_SETREF(value, PyObject_CallOneArg(cz_ok_class, value));
      if (value == NULL) return NULL;
    }
  }
  cz_lower_context lower = {0};
  uint64_t slots[CZ_MAX_FLAT_PARAMS] = {0};
  uint8_t *buffer = NULL;
  int failed = 0;
  if (result_type == NULL) {
    /* nothing */
  } else if (f->flat_results <= CZ_MAX_FLAT_PARAMS) {
    uint32_t slot = 0;
    failed = cz_lower_flat(f->result, value, slots, &slot, &lower);
  } else {
    buffer = cz_realloc(NULL, 0, result_type->align, result_type->size);
    failed = cz_store(f->result, value, buffer, &lower);
    slots[0] = (uint32_t)(uintptr_t)buffer;
  }
  Py_DECREF(value);
  if (failed >= 0) {
    uint64_t unused[1] = {0};
    componentize_call_import(f->task_return, (uint8_t *)slots, (uint8_t *)unused);
  }
  cz_lower_context_free(&lower);
  if (buffer != NULL && result_type->size != 0) free(buffer);
  if (failed < 0) return NULL;
  Py_RETURN_NONE;
}

/* ---- streams, futures and error contexts (CanonicalABI.md "canon stream.new" ... "canon
 * error-context.drop"; their objects are runtime/src/main/python/componentize_streams.py) ----- */

static cz_type *handle_type(PyObject *index_object, uint32_t *index) {
  long value = PyLong_AsLong(index_object);
  if (value == -1 && PyErr_Occurred()) return NULL;
  if (value < 0 || (uint32_t)value >= cz_the_world.type_count ||
      (cz_the_world.types[value].kind != CZ_STREAM && cz_the_world.types[value].kind != CZ_FUTURE &&
       cz_the_world.types[value].kind != CZ_ERROR_CONTEXT)) {
    PyErr_Format(PyExc_IndexError, "type %ld is no stream, future or error-context", value);
    return NULL;
  }
  if (index) *index = (uint32_t)value;
  return &cz_the_world.types[value];
}

/* handle_builtin(type, which, *args) -> int: calls built-in `which` of a stream, future or
 * error-context type (WorldPlan's order) with up to three i32 arguments; its i32 or i64 result
 * (stream.new and future.new: the readable end in the low half, the writable end above). */
static PyObject *module_handle_builtin(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  (void)self;
  if (nargs < 2 || nargs > 5) {
    PyErr_SetString(PyExc_TypeError, "handle_builtin(type, which, *args): up to three arguments");
    return NULL;
  }
  cz_type *t = handle_type(args[0], NULL);
  if (t == NULL) return NULL;
  long which = PyLong_AsLong(args[1]);
  if (which == -1 && PyErr_Occurred()) return NULL;
  if (which < 0 || which >= (t->kind == CZ_ERROR_CONTEXT ? 3 : 7)) {
    PyErr_Format(PyExc_IndexError, "no built-in %ld", which);
    return NULL;
  }
  uint64_t params[3] = {0, 0, 0};
  for (Py_ssize_t i = 2; i < nargs; i++) {
    unsigned long v = PyLong_AsUnsignedLong(args[i]);
    if (v == (unsigned long)-1 && PyErr_Occurred()) return NULL;
    params[i - 2] = (uint32_t)v;
  }
  uint64_t results[1] = {0};
  componentize_call_import(t->builtins + (uint32_t)which, (uint8_t *)params, (uint8_t *)results);
  return PyLong_FromUnsignedLongLong(results[0]);
}

/* A stream or future copy in flight: the buffer the host reads from (write) or writes into (read)
 * stays allocated until the copy has ended (CanonicalABI.md "Stream State"). */
typedef struct cz_copy {
  uint32_t type;
  bool writing;
  bool finished;
  uint32_t capacity;
  uint8_t *buffer;
  size_t buffer_size;
  cz_lower_context lower;
} cz_copy;

#define CZ_COPY "componentize.copy"

static void copy_release(cz_copy *copy) {
  if (copy->finished) return;
  copy->finished = true;
  cz_lower_context_free(&copy->lower);
  if (copy->buffer_size != 0) free(copy->buffer);
  copy->buffer = NULL;
}

static void copy_destroy(PyObject *capsule) {
  cz_copy *copy = PyCapsule_GetPointer(capsule, CZ_COPY);
  if (copy == NULL) return;
  copy_release(copy);
  free(copy);
}

/* copy_start(type, writing, handle, arg) -> (code, copy): starts stream.read (arg: how many
 * elements at most), stream.write (arg: a sequence, or a bytes-like object for stream<u8>),
 * future.read (arg ignored) or future.write (arg: the value), all async; `code` is BLOCKED
 * (0xffffffff) or the copy's result (CanonicalABI.md: the count above the low 4 bits). */
static PyObject *module_copy_start(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  (void)self;
  if (!has_nargs(nargs, 4, "copy_start(type, writing, handle, arg)")) return NULL;
  uint32_t type;
  cz_type *t = handle_type(args[0], &type);
  if (t == NULL) return NULL;
  if (t->kind == CZ_ERROR_CONTEXT) {
    PyErr_SetString(PyExc_TypeError, "an error-context has no copies");
    return NULL;
  }
  int writing = PyObject_IsTrue(args[1]);
  if (writing < 0) return NULL;
  unsigned long handle = PyLong_AsUnsignedLong(args[2]);
  if (handle == (unsigned long)-1 && PyErr_Occurred()) return NULL;
  bool future = t->kind == CZ_FUTURE;
  cz_type *element = t->element == CZ_NONE ? NULL : &cz_the_world.types[t->element];
  size_t size = element ? element->size : 0, align = element ? element->align : 1;

  cz_copy *copy = calloc(1, sizeof *copy);
  copy->type = type;
  copy->writing = writing;
  PyObject *capsule = PyCapsule_New(copy, CZ_COPY, copy_destroy);
  if (capsule == NULL) {
    free(copy);
    return NULL;
  }
  PyObject *items = NULL;
  Py_buffer bytes = {0};
  bool have_bytes = false;
  if (future) {
    copy->capacity = 1;
  } else if (!writing) {
    long n = PyLong_AsLong(args[3]);
    if (n == -1 && PyErr_Occurred()) goto failed;
    if (n <= 0 || n > (1L << 28)) {
      PyErr_Format(PyExc_ValueError, "cannot read %ld elements at once", n);
      goto failed;
    }
    copy->capacity = (uint32_t)n;
  } else if (element && element->kind == CZ_U8 && PyObject_CheckBuffer(args[3])) {
    if (PyObject_GetBuffer(args[3], &bytes, PyBUF_SIMPLE) < 0) goto failed;
    have_bytes = true;
    copy->capacity = (uint32_t)bytes.len;
  } else {
    items = PySequence_Fast(args[3], "a stream is written from a sequence");
    if (items == NULL) goto failed;
    copy->capacity = (uint32_t)PySequence_Fast_GET_SIZE(items);
  }
  copy->buffer_size = size * copy->capacity;
  copy->buffer = copy->buffer_size ? cz_realloc(NULL, 0, align, copy->buffer_size)
                                   : (uint8_t *)(uintptr_t)align;
  if (writing && have_bytes) {
    memcpy(copy->buffer, bytes.buf, copy->buffer_size);
  } else if (writing && element) {
    for (uint32_t i = 0; i < copy->capacity; i++) {
      PyObject *item = future ? args[3] : PySequence_Fast_GET_ITEM(items, i);
      if (cz_store(t->element, item, copy->buffer + i * size, &copy->lower) < 0) goto failed;
    }
  }
  if (have_bytes) PyBuffer_Release(&bytes);
  Py_CLEAR(items);
  uint64_t params[3] = {(uint32_t)handle, (uint32_t)(uintptr_t)copy->buffer, copy->capacity};
  uint64_t results[1] = {0};
  componentize_call_import(t->builtins + (writing ? 2 : 1), (uint8_t *)params, (uint8_t *)results);
  return Py_BuildValue("(kN)", (unsigned long)(uint32_t)results[0], capsule);

failed:
  if (have_bytes) PyBuffer_Release(&bytes);
  Py_XDECREF(items);
  Py_DECREF(capsule);
  return NULL;
}

/* copy_finish(copy, count): ends a copy once its result is known: a read lifts the `count`
 * elements the writer delivered (bytes for stream<u8>, else a list; a future's value), a write
 * returns None; then the buffer is freed. */
static PyObject *module_copy_finish(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  (void)self;
  if (!has_nargs(nargs, 2, "copy_finish(copy, count)")) return NULL;
  cz_copy *copy = PyCapsule_GetPointer(args[0], CZ_COPY);
  if (copy == NULL) return NULL;
  unsigned long count = PyLong_AsUnsignedLong(args[1]);
  if (count == (unsigned long)-1 && PyErr_Occurred()) return NULL;
  if (copy->finished) {
    PyErr_SetString(PyExc_RuntimeError, "the copy was already finished");
    return NULL;
  }
  if (count > copy->capacity) {
    PyErr_Format(PyExc_RuntimeError, "a copy reported %lu elements for a buffer of %u", count,
                 copy->capacity);
    return NULL;
  }
  cz_type *t = &cz_the_world.types[copy->type];
  PyObject *value = NULL;
  if (copy->writing) {
    value = Py_NewRef(Py_None);
  } else if (t->kind == CZ_FUTURE) {
    cz_lift_context lift = {.free_lifted = true};
    value = t->element == CZ_NONE ? Py_NewRef(Py_None) : cz_load(t->element, copy->buffer, &lift);
  } else if (t->element != CZ_NONE && cz_the_world.types[t->element].kind == CZ_U8) {
    value = PyBytes_FromStringAndSize((const char *)copy->buffer, (Py_ssize_t)count);
  } else {
    value = PyList_New((Py_ssize_t)count);
    uint32_t size = t->element == CZ_NONE ? 0 : cz_the_world.types[t->element].size;
    cz_lift_context lift = {.free_lifted = true};
    for (unsigned long i = 0; value != NULL && i < count; i++) {
      PyObject *item = t->element == CZ_NONE
                           ? Py_NewRef(Py_None)
                           : cz_load(t->element, copy->buffer + i * size, &lift);
      if (item == NULL) Py_CLEAR(value);
      else PyList_SET_ITEM(value, (Py_ssize_t)i, item);
    }
  }
  copy_release(copy);
  return value;
}

/* stream_of_u8(type) -> bool: whether reads of stream type `type` give bytes. */
static PyObject *module_stream_of_u8(PyObject *self, PyObject *index) {
  (void)self;
  cz_type *t = handle_type(index, NULL);
  if (t == NULL) return NULL;
  return PyBool_FromLong(t->kind == CZ_STREAM && t->element != CZ_NONE &&
                         cz_the_world.types[t->element].kind == CZ_U8);
}

static uint32_t error_context_builtins(void) {
  for (uint32_t i = 0; i < cz_the_world.type_count; i++) {
    cz_type *t = &cz_the_world.types[i];
    if (t->kind == CZ_ERROR_CONTEXT) return t->builtins;
  }
  return CZ_NONE;
}

/* error_context_new(message) -> handle (canon error-context.new, UTF-8). */
static PyObject *module_error_context_new(PyObject *self, PyObject *message) {
  (void)self;
  uint32_t builtins = error_context_builtins();
  if (builtins == CZ_NONE) {
    PyErr_SetString(PyExc_RuntimeError, "the world uses no error-context");
    return NULL;
  }
  Py_ssize_t length;
  const char *text = PyUnicode_AsUTF8AndSize(message, &length);
  if (text == NULL) return NULL;
  uint64_t params[2] = {(uint32_t)(uintptr_t)text, (uint32_t)length};
  uint64_t results[1] = {0};
  componentize_call_import(builtins, (uint8_t *)params, (uint8_t *)results);
  return PyLong_FromUnsignedLong((uint32_t)results[0]);
}

/* error_context_debug_message(handle) -> str (canon error-context.debug-message). */
static PyObject *module_error_context_debug_message(PyObject *self, PyObject *handle_object) {
  (void)self;
  uint32_t builtins = error_context_builtins();
  if (builtins == CZ_NONE) {
    PyErr_SetString(PyExc_RuntimeError, "the world uses no error-context");
    return NULL;
  }
  unsigned long handle = PyLong_AsUnsignedLong(handle_object);
  if (handle == (unsigned long)-1 && PyErr_Occurred()) return NULL;
  uint32_t string[2] = {0, 0};
  uint64_t params[2] = {(uint32_t)handle, (uint32_t)(uintptr_t)string};
  uint64_t results[1] = {0};
  componentize_call_import(builtins + 1, (uint8_t *)params, (uint8_t *)results);
  PyObject *text = PyUnicode_DecodeUTF8((const char *)(uintptr_t)string[0], string[1], "replace");
  if (string[1] != 0) free((void *)(uintptr_t)string[0]);
  return text;
}

/* error_context_drop(handle) (canon error-context.drop). */
static PyObject *module_error_context_drop(PyObject *self, PyObject *handle_object) {
  (void)self;
  uint32_t builtins = error_context_builtins();
  unsigned long handle = PyLong_AsUnsignedLong(handle_object);
  if (handle == (unsigned long)-1 && PyErr_Occurred()) return NULL;
  if (builtins == CZ_NONE) {
    PyErr_SetString(PyExc_RuntimeError, "the world uses no error-context");
    return NULL;
  }
  uint64_t params[1] = {(uint32_t)handle};
  uint64_t results[1] = {0};
  componentize_call_import(builtins + 2, (uint8_t *)params, (uint8_t *)results);
  Py_RETURN_NONE;
}

static PyMethodDef module_methods[] = {
    {"handle_builtin", (PyCFunction)(void (*)(void))module_handle_builtin, METH_FASTCALL,
     "handle_builtin(type, which, *args) -> int: a stream, future or error-context built-in"},
    {"copy_start", (PyCFunction)(void (*)(void))module_copy_start, METH_FASTCALL,
     "copy_start(type, writing, handle, arg) -> (code, copy): an async stream or future copy"},
    {"copy_finish", (PyCFunction)(void (*)(void))module_copy_finish, METH_FASTCALL,
     "copy_finish(copy, count): what a read delivered; frees the copy's buffer"},
    {"stream_of_u8", module_stream_of_u8, METH_O,
     "stream_of_u8(type) -> bool: whether reads of stream type `type` give bytes"},
    {"error_context_new", module_error_context_new, METH_O,
     "error_context_new(message) -> handle"},
    {"error_context_drop", module_error_context_drop, METH_O, "error_context_drop(handle)"},
    {"error_context_debug_message", module_error_context_debug_message, METH_O,
     "error_context_debug_message(handle) -> str"},
    {"register", module_register, METH_O,
     "register(classes): the classes that descriptor python_class indices name"},
    {"call_import", (PyCFunction)(void (*)(void))module_call_import, METH_FASTCALL,
     "call_import(index, *args): call world import `index` and return its lifted result"},
    {"drop", (PyCFunction)(void (*)(void))module_drop, METH_FASTCALL,
     "drop(index, handle): call the [resource-drop] intrinsic `index` with `handle`"},
    {"call_import_async", (PyCFunction)(void (*)(void))module_call_import_async, METH_FASTCALL,
     "call_import_async(index, *args) -> (status, call): start async import `index`"},
    {"subtask_cancel", (PyCFunction)(void (*)(void))module_subtask_cancel, METH_FASTCALL,
     "subtask_cancel(subtask) -> its state once it has resolved (returned or cancelled)"},
    {"async_import_index", module_async_import_index, METH_O,
     "async_import_index(name) -> index or None: the async import named module.field"},
    {"finish_import", module_finish_import, METH_O,
     "finish_import(call): the lifted result of a returned async import call"},
    {"task_return", (PyCFunction)(void (*)(void))module_task_return, METH_FASTCALL,
     "task_return(index, value): the result of async export `index`, to the host"},
    {"is_error_result", (PyCFunction)(void (*)(void))module_is_error_result, METH_FASTCALL,
     "is_error_result(index, exception): whether it is the err of the export's result"},
    {"waitable_set_new", (PyCFunction)(void (*)(void))module_waitable_set_new, METH_FASTCALL,
     "waitable_set_new() -> set"},
    {"waitable_set_drop", (PyCFunction)(void (*)(void))module_waitable_set_drop, METH_FASTCALL,
     "waitable_set_drop(set)"},
    {"waitable_join", (PyCFunction)(void (*)(void))module_waitable_join, METH_FASTCALL,
     "waitable_join(waitable, set): set 0 leaves every set"},
    {"subtask_drop", (PyCFunction)(void (*)(void))module_subtask_drop, METH_FASTCALL,
     "subtask_drop(subtask): after it has returned"},
    {"context_get", (PyCFunction)(void (*)(void))module_context_get, METH_FASTCALL,
     "context_get() -> the current task's context slot 0"},
    {"context_set", (PyCFunction)(void (*)(void))module_context_set, METH_FASTCALL,
     "context_set(value): the current task's context slot 0"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module_definition = {
    PyModuleDef_HEAD_INIT, "_componentize",
    "Glue between the component model's canonical ABI and Python (libcomponentize.so).", -1,
    module_methods};

static PyObject *init_module(void) { return PyModule_Create(&module_definition); }

/* ---- preopened directories ------------------------------------------------------------------ */

/* The runtime's wasi-libc (9886d3d) fills its table of preopened directories in a constructor,
 * which runs at build time: the snapshot maps the build's guest paths (/python, /sources/0, ...)
 * to the build's descriptor numbers, and the directories a host preopens at run time are unknown
 * to libc (opening them fails with ENOTCAPABLE, and a build path reaches whatever the run's
 * descriptor of that number is). This libc has no __wasilibc_reset_preopens (newer ones do), so
 * the glue records the build's directory names at init and, at the first call at run time, makes
 * their table entries unmatchable and registers the run's preopens. */
static char **build_preopens;
static size_t build_preopen_count;

/* Calls `visit(fd, name)` for every preopened directory WASI reports (fds 3, 4, ... until BADF). */
static void for_each_preopen(void (*visit)(__wasi_fd_t fd, const char *name)) {
  for (__wasi_fd_t fd = 3; fd != 0; fd++) {
    __wasi_prestat_t prestat;
    __wasi_errno_t e = __wasi_fd_prestat_get(fd, &prestat);
    if (e == __WASI_ERRNO_BADF) break;
    if (e != 0 || prestat.tag != __WASI_PREOPENTYPE_DIR) continue;
    size_t length = prestat.u.dir.pr_name_len;
    char *name = malloc(length + 1);
    if (name == NULL) continue;
    if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)name, length) == 0) {
      name[length] = 0;
      visit(fd, name);
    }
    free(name);
  }
}

static void record_build_preopen(__wasi_fd_t fd, const char *name) {
  (void)fd;
  char **grown = realloc(build_preopens, (build_preopen_count + 1) * sizeof(char *));
  if (grown == NULL) return;
  build_preopens = grown;
  build_preopens[build_preopen_count++] = strdup(name);
}

static void register_run_preopen(__wasi_fd_t fd, const char *name) {
  __wasilibc_register_preopened_fd((int)fd, name);
}

static void reset_preopens(void) {
  for (size_t i = 0; i < build_preopen_count; i++) {
    const char *prefix, *relative;
    /* The lookup hands out the table's own copy of the prefix (a strdup'd string); an entry that
     * matches the build's name exactly is disabled by changing its first byte to one no path
     * has. Each round disables one entry, so duplicates go too. */
    while (build_preopens[i] != NULL &&
           __wasilibc_find_abspath(build_preopens[i], &prefix, &relative) >= 0 &&
           strcmp(relative, ".") == 0 && prefix[0] != 0 && prefix[0] != '\x01') {
      ((char *)prefix)[0] = '\x01';
    }
  }
  for_each_preopen(register_run_preopen);
}

/* ---- start-up ---------------------------------------------------------------------------------- */

static int append_path(PyConfig *config, const char *path) {
  wchar_t *wide = Py_DecodeLocale(path, NULL);
  if (wide == NULL) {
    fprintf(stderr, "componentize: cannot decode path '%s'\n", path);
    return -1;
  }
  PyStatus status = PyWideStringList_Append(&config->module_search_paths, wide);
  PyMem_RawFree(wide);
  return PyStatus_Exception(status) ? -1 : 0;
}

static PyObject *import_attribute(const char *module, const char *name, bool optional) {
  PyObject *m = PyImport_ImportModule(module);
  if (m == NULL) return NULL;
  PyObject *attribute = PyObject_GetAttrString(m, name);
  Py_DECREF(m);
  if (attribute == NULL && optional && PyErr_ExceptionMatches(PyExc_AttributeError)) {
    PyErr_Clear();
  }
  return attribute;
}

/* Ok, Err and Some live in wit_world.types (re-exported by wit_world); NULL if absent. */
static PyObject *helper_class(const char *name) {
  PyObject *types = PyImport_ImportModule("wit_world.types");
  if (types == NULL) {
    if (!PyErr_ExceptionMatches(PyExc_ImportError)) return NULL;
    PyErr_Clear();
    return import_attribute("wit_world", name, true);
  }
  Py_DECREF(types);
  return import_attribute("wit_world.types", name, true);
}

/* Resolves an export's callable path from the app module (docs/design/python-glue.md): for a plain
 * export whose first component is a class, the class is instantiated once and the rest of the
 * path is looked up on that instance. */
static PyObject *resolve_export(cz_function *f) {
  PyObject *current = Py_NewRef(app_module);
  const char *path = f->callable;
  bool first = true;
  while (*path) {
    const char *dot = strchr(path, '.');
    size_t length = dot ? (size_t)(dot - path) : strlen(path);
    PyObject *name = PyUnicode_FromStringAndSize(path, (Py_ssize_t)length);
    PyObject *next = name ? PyObject_GetAttr(current, name) : NULL;
    Py_XDECREF(name);
    Py_DECREF(current);
    if (next == NULL) return NULL;
    current = next;
    if (first && dot != NULL && (f->flags & ~CZ_FLAG_ASYNC) == 0 && PyType_Check(current)) {
      PyObject *instance = PyDict_GetItemWithError(singletons, current);
      if (instance == NULL) {
        if (PyErr_Occurred()) return NULL;
        instance = PyObject_CallNoArgs(current);
        if (instance == NULL || PyDict_SetItem(singletons, current, instance) < 0) {
          Py_XDECREF(instance);
          Py_DECREF(current);
          return NULL;
        }
        Py_DECREF(instance);
      }
      Py_SETREF(current, Py_NewRef(instance));
    }
    first = false;
    path += length + (dot ? 1 : 0);
  }
  return current;
}

static int configure_and_start(void) {
  /* UTF-8 mode (PEP 540): a component has no locale, and the isolated configuration would
   * otherwise choose ASCII for stdio and file names, so printing any non-ASCII text would raise
   * UnicodeEncodeError. It must be chosen before the configuration below (pre-initialization). */
  PyPreConfig preconfig;
  PyPreConfig_InitIsolatedConfig(&preconfig);
  preconfig.utf8_mode = 1;
  PyStatus prestatus = Py_PreInitialize(&preconfig);
  if (PyStatus_Exception(prestatus)) {
    fprintf(stderr, "componentize: CPython did not pre-initialize: %s\n",
            prestatus.err_msg ? prestatus.err_msg : "?");
    return -1;
  }
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  const char *home = getenv("COMPONENTIZE_PYTHONHOME");
  if (home == NULL) home = "/python";
  PyStatus status = PyConfig_SetBytesString(&config, &config.home, home);
  if (PyStatus_Exception(status)) goto failed;
  /* No `site`: the path below is complete, and skipping site's directory scans and .pth files
   * keeps start-up (interpreted at build time) short. COMPONENTIZE_SITE=1 turns it back on. */
  const char *site = getenv("COMPONENTIZE_SITE");
  config.site_import = site != NULL && strcmp(site, "1") == 0;
  config.install_signal_handlers = 0;
  config.write_bytecode = 0;
  config.parse_argv = 0;
  /* A component never exits normally, so nothing would flush buffered stdout. */
  config.buffered_stdio = 0;
  /* A fixed hash seed makes the snapshot, and so the component, reproducible. */
  config.use_hash_seed = 1;
  config.hash_seed = 0;

  char stdlib[512];
  snprintf(stdlib, sizeof stdlib, "%s/lib/python3.13", home);
  config.module_search_paths_set = 1;
  if (append_path(&config, stdlib) < 0) goto failed_quietly;
  const char *extra = getenv("COMPONENTIZE_PYTHONPATH");
  if (extra != NULL) {
    char *copy = strdup(extra);
    for (char *part = copy, *end; part != NULL; part = end) {
      end = strchr(part, ':');
      if (end != NULL) *end++ = 0;
      if (*part != 0 && append_path(&config, part) < 0) {
        free(copy);
        goto failed_quietly;
      }
    }
    free(copy);
  }
  status = Py_InitializeFromConfig(&config);
  if (PyStatus_Exception(status)) goto failed;
  PyConfig_Clear(&config);
  return 0;

failed:
  fprintf(stderr, "componentize: CPython did not start: %s%s%s\n",
          status.func ? status.func : "", status.func ? ": " : "", status.err_msg ? status.err_msg : "?");
failed_quietly:
  PyConfig_Clear(&config);
  return -1;
}

/* The runtime/world part of start-up: CPython started with the Python path of
 * $COMPONENTIZE_PYTHONPATH, the descriptor parsed, wit_world imported. Nothing of the app is
 * touched, so the pre-initializer can keep this state as a base snapshot shared by every app of
 * the world (docs/design/python-glue.md). Returns 0, or 1 after printing why on stderr. */
EXPORT int32_t componentize_init_runtime(void) {
  if (runtime_ready) return 0;
  if (PyImport_AppendInittab("_componentize", init_module) < 0) {
    fprintf(stderr, "componentize: cannot register the _componentize module\n");
    return 1;
  }
  if (configure_and_start() < 0) return 1;

  char error[256];
  if (!cz_world_parse(componentize_world, &cz_the_world, error, sizeof error)) {
    fprintf(stderr, "componentize: %s\n", error);
    return 1;
  }
  singletons = PyDict_New();
  /* wit_world registers its classes on import; Ok/Err/Some are optional for worlds without
   * results or nested options. */
  PyObject *wit_world = PyImport_ImportModule("wit_world");
  if (wit_world == NULL) goto python_failed;
  Py_DECREF(wit_world);
  cz_ok_class = helper_class("Ok");
  cz_err_class = helper_class("Err");
  cz_some_class = helper_class("Some");
  if (PyErr_Occurred()) goto python_failed;
  runtime_ready = true;
  return 0;

python_failed:
  if (PyErr_Occurred()) PyErr_Print();
  fflush(stderr);
  return 1;
}

/* Puts the `:`-separated directories of `path` after the standard library directory (sys.path[0],
 * configure_and_start puts it first), replacing the start-up's. */
static int set_python_path(const char *path) {
  PyObject *globals = PyDict_New();
  PyObject *text = PyUnicode_DecodeFSDefault(path);
  if (globals == NULL || text == NULL ||
      PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) < 0 ||
      PyDict_SetItemString(globals, "path", text) < 0) {
    Py_XDECREF(globals);
    Py_XDECREF(text);
    return -1;
  }
  Py_DECREF(text);
  PyObject *r = PyRun_String("import sys\n"
                             "sys.path[1:] = [p for p in path.split(':') if p]\n",
                             Py_file_input, globals, globals);
  Py_DECREF(globals);
  if (r == NULL) return -1;
  Py_DECREF(r);
  return 0;
}

/* The app part of start-up, after componentize_init_runtime: with a non-NULL `path`, sys.path
 * becomes the standard library then its `:`-separated directories (the app's sources, the
 * bindings, the wheels); then the app module is imported and every export resolved. Returns 0, or
 * 1 after printing why on stderr. */
EXPORT int32_t componentize_init_app(const char *path) {
  if (initialized) return 0;
  if (!runtime_ready) {
    fprintf(stderr, "componentize: componentize_init_app before componentize_init_runtime\n");
    return 1;
  }
  if (path != NULL && set_python_path(path) < 0) goto python_failed;
  app_module = PyImport_ImportModule(cz_the_world.app_module);
  if (app_module == NULL) goto python_failed;
  export_targets = calloc(cz_the_world.export_count + 1, sizeof(PyObject *));
  for (uint32_t i = 0; i < cz_the_world.export_count; i++) {
    cz_function *f = &cz_the_world.exports[i];
    export_targets[i] = resolve_export(f);
    if (export_targets[i] == NULL) {
      fprintf(stderr, "componentize: export %s: cannot find '%s' in app module '%s'\n", f->name,
              f->callable, cz_the_world.app_module);
      goto python_failed;
    }
  }
  /* Component-model async: the built-ins' import indices, and the event loop's module imported
   * now so that it is in the snapshot (the loop itself is made at the first async call). */
  for (uint32_t i = 0; i < cz_the_world.export_count + cz_the_world.import_count; i++) {
    cz_function *f = i < cz_the_world.export_count ? &cz_the_world.exports[i]
                                                  : &cz_the_world.imports[i - cz_the_world.export_count];
    if (f->flags & CZ_FLAG_ASYNC) async_builtins = f->async_builtins;
  }
  if (async_builtins != CZ_NONE) {
    async_module = PyImport_ImportModule("componentize_async");
    if (async_module == NULL) goto python_failed;
  }
  for (uint32_t i = 0; i < cz_the_world.export_count && http_internal_error == NULL; i++) {
    if (!is_http_handle(&cz_the_world.exports[i])) continue;
    http_internal_error = import_attribute("componentize_http", "internal_error", false);
    if (http_internal_error == NULL) goto python_failed;
  }
  /* A stub-WASI component (every WASI function traps) cannot read arguments, environment or
   * random bytes at run time, so the run-time start happens now, at build time: its snapshot
   * keeps the emptied argv and environment and the build's random seed. Read before
   * os.environ.clear() below, which also clears the C environment. */
  const char *stub_wasi = getenv("COMPONENTIZE_STUB_WASI");
  bool stub = stub_wasi != NULL && strcmp(stub_wasi, "1") == 0;
  /* Build-time arguments and environment must not leak into the component. Tracebacks stay
   * plain text: a component's stderr is a log, even where the host reports a terminal. */
  if (PyRun_SimpleString("import os, sys\n"
                         "sys.argv[:] = ['']\n"
                         "os.environ.clear()\n"
                         "try:\n"
                         "    import _colorize\n"
                         "    _colorize.COLORIZE = False\n"
                         "except ImportError:\n"
                         "    pass\n") != 0) {
    return 1;
  }
  for_each_preopen(record_build_preopen);
  if (stub) run_time_started = true;
  initialized = true;
  return 0;

python_failed:
  if (PyErr_Occurred()) PyErr_Print();
  fflush(stderr);
  return 1;
}

/* Both parts with the start-up's Python path: called once by the pre-initializer of a program
 * that does not split start-up, and lazily by the first export call when no pre-initialization
 * happened. Returns 0, or 1 after printing why on stderr. */
EXPORT int32_t componentize_init(void) {
  if (initialized) return 0;
  if (componentize_init_runtime() != 0) return 1;
  return componentize_init_app(NULL);
}

/* Reads a WASI string list (arguments or environment) into a new Python list of str. */
static PyObject *wasi_strings(bool environment) {
  __wasi_size_t count = 0, size = 0;
  __wasi_errno_t e = environment ? __wasi_environ_sizes_get(&count, &size)
                                 : __wasi_args_sizes_get(&count, &size);
  if (e != 0) return PyList_New(0);
  uint8_t **pointers = calloc(count + 1, sizeof(uint8_t *));
  uint8_t *buffer = malloc(size + 1);
  e = environment ? __wasi_environ_get(pointers, buffer) : __wasi_args_get(pointers, buffer);
  PyObject *list = PyList_New(0);
  for (__wasi_size_t i = 0; e == 0 && list != NULL && i < count; i++) {
    PyObject *s = PyUnicode_DecodeFSDefault((const char *)pointers[i]);
    if (s == NULL || PyList_Append(list, s) < 0) Py_CLEAR(list);
    Py_XDECREF(s);
  }
  free(pointers);
  free(buffer);
  return list;
}

/* The first export call at run time: the real arguments and environment, and a fresh random
 * seed (the snapshot's seed came from the build machine). */
static void start_run_time(void) {
  run_time_started = true;
  reset_preopens();
  PyObject *argv = wasi_strings(false);
  PyObject *environ = wasi_strings(true);
  PyObject *sys = PyImport_ImportModule("sys");
  if (argv == NULL || environ == NULL || sys == NULL) trap_with_traceback("reading WASI arguments");
  if (PyList_GET_SIZE(argv) == 0 && PyList_Append(argv, PyUnicode_FromString("")) < 0) {
    trap_with_traceback("reading WASI arguments");
  }
  if (PyObject_SetAttrString(sys, "argv", argv) < 0) trap_with_traceback("setting sys.argv");
  PyObject *globals = PyDict_New();
  PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
  PyDict_SetItemString(globals, "entries", environ);
  PyObject *r = PyRun_String(
      "import os, sys\n"
      "for entry in entries:\n"
      "    key, sep, value = entry.partition('=')\n"
      "    if sep:\n"
      "        os.environ[key] = value\n"
      "if 'random' in sys.modules:\n"
      "    sys.modules['random'].seed()\n",
      Py_file_input, globals, globals);
  if (r == NULL) trap_with_traceback("setting os.environ");
  Py_DECREF(r);
  Py_DECREF(globals);
  Py_DECREF(argv);
  Py_DECREF(environ);
  Py_DECREF(sys);
}

/* An exception escaped a raw HTTP handler: prints it as a trap would, then lets
 * componentize_http answer 500 through the response-outparam (args[1]), or abandon the response
 * the handler had set already; the export then returns normally (componentize_http.py says why).
 * The exception stays alive during that call: its frames hold the handler's streams. */
static void answer_http_internal_error(const cz_function *f, PyObject *args) {
  char context[300];
  snprintf(context, sizeof context, "export %s raised an exception", f->name);
  fprintf(stderr, "componentize: %s\n", context);
  PyObject *raised = PyErr_GetRaisedException();
  PyErr_DisplayException(raised);
  PyObject *answered = PyObject_CallFunctionObjArgs(http_internal_error, PyTuple_GET_ITEM(args, 1),
                                                    raised, NULL);
  Py_DECREF(raised);
  if (answered == NULL) trap_with_traceback("answering the failed request failed");
  Py_DECREF(answered);
  PyObject *err = PySys_GetObject("stderr");
  PyObject *r = err ? PyObject_CallMethod(err, "flush", NULL) : NULL;
  Py_XDECREF(r);
  PyErr_Clear();
  fflush(stderr);
}

/* The export about to be called, after start-up (and the run time's start) if still needed. */
static cz_function *enter_export(uint32_t export_index) {
  if (!initialized && componentize_init() != 0) {
    fprintf(stderr, "componentize: initialization failed\n");
    __builtin_trap();
  }
  if (!run_time_started) start_run_time();
  if (export_index >= cz_the_world.export_count) {
    fprintf(stderr, "componentize: export %u does not exist\n", export_index);
    __builtin_trap();
  }
  return &cz_the_world.exports[export_index];
}

/* The export's arguments, lifted from the flat slots (or the spilled tuple, freed here). */
static PyObject *lift_export_args(cz_function *f, uint8_t *params) {
  const uint64_t *slots = (const uint64_t *)params;

  PyObject *args = PyTuple_New(f->param_count);
  if (args == NULL) trap_with_traceback(f->name);
  cz_lift_context lift = {.free_lifted = true};
  uint32_t slot = 0;
  const uint8_t *tuple = f->flat_params > CZ_MAX_FLAT_PARAMS ? (const uint8_t *)(uintptr_t)(uint32_t)slots[0] : NULL;
  for (uint32_t i = 0; i < f->param_count; i++) {
    PyObject *arg = tuple ? cz_load(f->params[i], tuple + param_offset(f, i, NULL, NULL), &lift)
                          : cz_lift_flat(f->params[i], slots, &slot, &lift);
    if (arg == NULL) trap_with_traceback(f->name);
    PyTuple_SET_ITEM(args, i, arg);
  }
  if (tuple != NULL) {
    uint32_t size;
    param_offset(f, 0, &size, NULL);
    if (size != 0) free((void *)tuple);
  }
  return args;
}

EXPORT void componentize_call_export(uint32_t export_index, uint8_t *params, uint8_t *results) {
  cz_function *f = enter_export(export_index);
  PyObject *args = lift_export_args(f, params);
  PyObject *value = PyObject_Call(export_targets[export_index], args, NULL);
  cz_end_borrows();
  cz_type *result_type = f->result == CZ_NONE ? NULL : &cz_the_world.types[f->result];
  if (value == NULL && PyErr_ExceptionMatches(PyExc_SystemExit)) exit_component();
  if (value == NULL) {
    /* An `Err` raised from a function returning result<_, E> is its error value; anything else
     * is a bug in the app: traceback and trap (for a raw HTTP handler, componentize_http answers). */
    if (result_type != NULL && result_type->kind == CZ_RESULT && cz_err_class != NULL &&
        PyErr_ExceptionMatches(cz_err_class)) {
      value = PyErr_GetRaisedException();
    } else if (http_internal_error != NULL && is_http_handle(f) && f->param_count == 2) {
      answer_http_internal_error(f, args);
      value = Py_NewRef(Py_None);
    } else {
      char context[300];
      snprintf(context, sizeof context, "export %s raised an exception", f->name);
      trap_with_traceback(context);
    }
  } else if (result_type != NULL && result_type->kind == CZ_RESULT) {
    /* A plain return is the `ok` case; an explicit Ok(...) or Err(...) is taken as it is. */
    int is_ok = cz_ok_class ? PyObject_TypeCheck(value, (PyTypeObject *)cz_ok_class) : 0;
    int is_err = cz_err_class ? PyObject_TypeCheck(value, (PyTypeObject *)cz_err_class) : 0;
    if (is_ok < 0 || is_err < 0) trap_with_traceback(f->name);
    if (!is_ok && !is_err) {
      if (cz_ok_class == NULL) trap_with_traceback("wit_world.Ok is missing");
      Py_SETREF(value, PyObject_CallOneArg(cz_ok_class, value));
      if (value == NULL) trap_with_traceback(f->name);
    }
  }

  Py_DECREF(args);
  cz_lower_context lower = {.track = true};
  uint64_t *out = (uint64_t *)results;
  if (result_type == NULL) {
    /* nothing */
  } else if (f->flat_results <= CZ_MAX_FLAT_RESULTS) {
    uint32_t result_slot = 0;
    if (cz_lower_flat(f->result, value, out, &result_slot, &lower) < 0) {
      trap_with_traceback("the export's return value does not match its WIT type");
    }
  } else {
    uint8_t *buffer = cz_realloc(NULL, 0, result_type->align, result_type->size);
    if (result_type->size != 0) cz_track_allocation(buffer);
    if (cz_store(f->result, value, buffer, &lower) < 0) {
      trap_with_traceback("the export's return value does not match its WIT type");
    }
    out[0] = (uint32_t)(uintptr_t)buffer;
  }
  Py_DECREF(value);
}

EXPORT void componentize_post_return(uint32_t export_index, uint8_t *results) {
  (void)export_index;
  (void)results;
  cz_free_tracked();
}

/* A callback code from componentize_async (negative: it printed why the task failed). */
static uint32_t callback_code(PyObject *code, const char *context) {
  if (code == NULL) trap_with_traceback(context);
  long value = PyLong_AsLong(code);
  Py_DECREF(code);
  if (value == -1 && PyErr_Occurred()) trap_with_traceback(context);
  if (value < 0) {
    PyObject *err = PySys_GetObject("stderr");
    if (err != NULL) {
      PyObject *r = PyObject_CallMethod(err, "flush", NULL);
      Py_XDECREF(r);
      PyErr_Clear();
    }
    fflush(stderr);
    __builtin_trap();
  }
  return (uint32_t)value;
}

/* `[async-lift]<export>` (the callback ABI, Async.md "Async Export ABI"): calls the app's async
 * method and starts its coroutine on the event loop; returns the callback code (EXIT after
 * task.return, or WAIT on the task's waitable set). */
EXPORT uint32_t componentize_call_export_async(uint32_t export_index, uint8_t *params) {
  cz_function *f = enter_export(export_index);
  if (async_module == NULL) {
    fprintf(stderr, "componentize: export %s is async, but componentize_async is not loaded\n",
            f->name);
    __builtin_trap();
  }
  PyObject *args = lift_export_args(f, params);
  PyObject *coroutine = PyObject_Call(export_targets[export_index], args, NULL);
  Py_DECREF(args);
  if (coroutine == NULL && PyErr_ExceptionMatches(PyExc_SystemExit)) exit_component();
  if (coroutine == NULL) {
    char context[300];
    snprintf(context, sizeof context, "export %s raised an exception", f->name);
    trap_with_traceback(context);
  }
  PyObject *code = PyObject_CallMethod(async_module, "start_export", "IsN", export_index,
                                       f->callable, coroutine);
  return callback_code(code, f->name);
}

/* `[callback][async-lift]<export>`: an event for the current task (found by the loop through
 * context.get), which resumes the event loop. */
EXPORT uint32_t componentize_async_callback(uint32_t event, uint32_t p1, uint32_t p2) {
  if (async_module == NULL) __builtin_trap();
  PyObject *code = PyObject_CallMethod(async_module, "callback", "III", event, p1, p2);
  return callback_code(code, "the async event loop failed");
}
