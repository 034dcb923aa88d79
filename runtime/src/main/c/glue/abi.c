/*
 * The lift/lower engine: canonical ABI values <-> Python objects, driven by the descriptor
 * types. Memory layouts follow CanonicalABI.md "Loading" and "Storing", flat values
 * "Flat Lifting" and "Flat Lowering"; the Python shapes are those of docs/design/python-glue.md
 * "Python side".
 *
 * Lifting trusts nothing about the values it reads (a bad discriminant, char or UTF-8 string
 * traps, as the spec requires); lowering checks the Python values and raises TypeError,
 * ValueError or OverflowError naming the expected WIT type.
 */
#include <stdlib.h>
#include <string.h>

#include "glue.h"

#include <stdarg.h>

static const char *const KIND_NAMES[CZ_KIND_COUNT] = {
    "bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32", "f64", "char",
    "string", "list", "record", "tuple", "variant", "enum", "flags", "option", "result",
    "own", "borrow", "resource"};

static cz_type *type_at(uint32_t index) { return &cz_the_world.types[index]; }

/* A trap with a reason on stderr: the canonical ABI traps on invalid values, and a component
 * has no better channel for the reason than stderr. */
static _Noreturn void trap(const char *what) {
  fprintf(stderr, "componentize: trap: %s\n", what);
  fflush(stderr);
  __builtin_trap();
}

void *cz_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old_size;
  if (new_size == 0) {
    /* Nothing to allocate: an aligned non-null address that is never dereferenced nor freed
     * (lifting frees only non-empty strings and lists). */
    if (old != NULL && (uintptr_t)old > 16) free(old);
    return (void *)(uintptr_t)align;
  }
  /* wasi-libc's dlmalloc aligns to 16 bytes; canonical ABI alignments are at most 8. */
  void *result = align > 16 ? aligned_alloc(align, (new_size + align - 1) / align * align)
                            : realloc((uintptr_t)old > 16 ? old : NULL, new_size);
  if (result == NULL) trap("out of memory in cabi_realloc");
  return result;
}

/* ---- allocation bookkeeping for lowering -------------------------------------------------- */

static void *lower_alloc(cz_lower_context *cx, size_t size, size_t align) {
  if (size == 0) return (void *)(uintptr_t)align;
  void *p = cz_realloc(NULL, 0, align, size);
  if (cx->track) {
    cz_track_allocation(p);
  } else {
    if (cx->owned_count == cx->owned_capacity) {
      cx->owned_capacity = cx->owned_capacity ? 2 * cx->owned_capacity : 8;
      cx->owned = realloc(cx->owned, cx->owned_capacity * sizeof(void *));
      if (cx->owned == NULL) trap("out of memory");
    }
    cx->owned[cx->owned_count++] = p;
  }
  return p;
}

void cz_lower_context_free(cz_lower_context *cx) {
  for (size_t i = 0; i < cx->owned_count; i++) free(cx->owned[i]);
  free(cx->owned);
  cx->owned = NULL;
  cx->owned_count = cx->owned_capacity = 0;
}

static void free_lifted(cz_lift_context *cx, uint32_t pointer, uint32_t length) {
  if (cx->free_lifted && length != 0) free((void *)(uintptr_t)pointer);
}

static PyObject *registered(uint32_t python_class) {
  if (cz_classes == NULL || python_class >= (uint32_t)PyList_GET_SIZE(cz_classes)) {
    PyErr_Format(PyExc_RuntimeError,
                 "componentize: class %u is not registered (wit_world did not call "
                 "_componentize.register, or registered too few classes)",
                 python_class);
    return NULL;
  }
  return PyList_GET_ITEM(cz_classes, python_class);
}

/* isinstance by the class hierarchy only: the generated exported-interface and exported-resource
 * base classes are typing.Protocol classes, whose isinstance() raises unless runtime_checkable,
 * and nominal subclassing is exactly what the bindings promise. */
static int is_instance(PyObject *value, PyObject *cls) {
  if (PyType_Check(cls)) return PyObject_TypeCheck(value, (PyTypeObject *)cls);
  return PyObject_IsInstance(value, cls);
}

static int type_error(uint32_t type, PyObject *value, const char *detail) {
  PyErr_Format(PyExc_TypeError, "expected a value of WIT type %s%s%s, got %.200R",
               KIND_NAMES[type_at(type)->kind], detail ? " " : "", detail ? detail : "", value);
  return -1;
}

/* ---- scalars -------------------------------------------------------------------------------- */

static PyObject *lift_scalar(uint32_t kind, uint64_t bits) {
  switch (kind) {
    case CZ_BOOL: return PyBool_FromLong((uint8_t)bits != 0);
    case CZ_S8: return PyLong_FromLong((int8_t)bits);
    case CZ_U8: return PyLong_FromLong((uint8_t)bits);
    case CZ_S16: return PyLong_FromLong((int16_t)bits);
    case CZ_U16: return PyLong_FromLong((uint16_t)bits);
    case CZ_S32: return PyLong_FromLong((int32_t)bits);
    case CZ_U32: return PyLong_FromUnsignedLong((uint32_t)bits);
    case CZ_S64: return PyLong_FromLongLong((int64_t)bits);
    case CZ_U64: return PyLong_FromUnsignedLongLong(bits);
    case CZ_F32: {
      float f;
      uint32_t b = (uint32_t)bits;
      memcpy(&f, &b, 4);
      return PyFloat_FromDouble(f);
    }
    case CZ_F64: {
      double d;
      memcpy(&d, &bits, 8);
      return PyFloat_FromDouble(d);
    }
    case CZ_CHAR: {
      uint32_t c = (uint32_t)bits;
      if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) trap("char is not a Unicode scalar value");
      return PyUnicode_FromOrdinal((int)c);
    }
  }
  trap("not a scalar type");
}

/* Converts a Python scalar to its canonical bits; -1 with an exception on a bad value. */
static int lower_scalar(uint32_t type, PyObject *value, uint64_t *bits) {
  uint32_t kind = type_at(type)->kind;
  switch (kind) {
    case CZ_BOOL: {
      int truth = PyObject_IsTrue(value);
      if (truth < 0) return -1;
      *bits = (uint64_t)truth;
      return 0;
    }
    case CZ_F32:
    case CZ_F64: {
      double d = PyFloat_AsDouble(value);
      if (d == -1.0 && PyErr_Occurred()) return -1;
      if (kind == CZ_F64) {
        memcpy(bits, &d, 8);
      } else {
        float f = (float)d;
        uint32_t b;
        memcpy(&b, &f, 4);
        *bits = b;
      }
      return 0;
    }
    case CZ_CHAR: {
      if (!PyUnicode_Check(value) || PyUnicode_GetLength(value) != 1) {
        return type_error(type, value, "(a str of length 1)");
      }
      Py_UCS4 c = PyUnicode_ReadChar(value, 0);
      if (c >= 0xd800 && c <= 0xdfff) {
        PyErr_SetString(PyExc_ValueError, "a char cannot be a surrogate code point");
        return -1;
      }
      *bits = c;
      return 0;
    }
    case CZ_U64: {
      if (!PyLong_Check(value)) return type_error(type, value, "(an int)");
      unsigned long long u = PyLong_AsUnsignedLongLong(value);
      if (u == (unsigned long long)-1 && PyErr_Occurred()) return -1;
      *bits = u;
      return 0;
    }
    default: {
      if (!PyLong_Check(value)) return type_error(type, value, "(an int)");
      int overflow = 0;
      long long v = PyLong_AsLongLongAndOverflow(value, &overflow);
      if (v == -1 && PyErr_Occurred()) return -1;
      static const long long lo[] = {[CZ_S8] = -128, [CZ_U8] = 0,      [CZ_S16] = -32768,
                                     [CZ_U16] = 0,   [CZ_S32] = INT32_MIN, [CZ_U32] = 0,
                                     [CZ_S64] = INT64_MIN};
      static const long long hi[] = {[CZ_S8] = 127,   [CZ_U8] = 255,       [CZ_S16] = 32767,
                                     [CZ_U16] = 65535, [CZ_S32] = INT32_MAX, [CZ_U32] = UINT32_MAX,
                                     [CZ_S64] = INT64_MAX};
      if (overflow != 0 || v < lo[kind] || v > hi[kind]) {
        PyErr_Format(PyExc_OverflowError, "%R is out of range for WIT type %s", value,
                     KIND_NAMES[kind]);
        return -1;
      }
      *bits = (uint64_t)v;
      return 0;
    }
  }
}

static bool is_scalar(uint32_t kind) { return kind <= CZ_CHAR; }

/* ---- strings and lists (pointer + length in both representations) -------------------------- */

static PyObject *lift_string(uint32_t pointer, uint32_t length, cz_lift_context *cx) {
  PyObject *s = PyUnicode_DecodeUTF8((const char *)(uintptr_t)pointer, length, "strict");
  if (s == NULL) trap("string is not valid UTF-8");
  free_lifted(cx, pointer, length);
  return s;
}

static PyObject *lift_list(uint32_t type, uint32_t pointer, uint32_t length, cz_lift_context *cx) {
  cz_type *element = type_at(type_at(type)->element);
  const uint8_t *base = (const uint8_t *)(uintptr_t)pointer;
  if ((uint64_t)length * element->size > 0x7fffffffu) trap("list is larger than memory");
  PyObject *result;
  if (element->kind == CZ_U8) {
    result = PyBytes_FromStringAndSize((const char *)base, length);
  } else {
    result = PyList_New(length);
    for (uint32_t i = 0; result != NULL && i < length; i++) {
      PyObject *item = cz_load(type_at(type)->element, base + i * element->size, cx);
      if (item == NULL) {
        Py_CLEAR(result);
        break;
      }
      PyList_SET_ITEM(result, i, item);
    }
  }
  free_lifted(cx, pointer, length);
  return result;
}

/* Lowers a str or a list into fresh memory: the (pointer, length) pair. */
static int lower_string_or_list(uint32_t type, PyObject *value, uint32_t *pointer, uint32_t *length,
                                cz_lower_context *cx) {
  cz_type *t = type_at(type);
  if (t->kind == CZ_STRING) {
    if (!PyUnicode_Check(value)) return type_error(type, value, "(a str)");
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(value, &size);
    if (utf8 == NULL) return -1;
    void *copy = lower_alloc(cx, (size_t)size, 1);
    memcpy(copy, utf8, (size_t)size);
    *pointer = (uint32_t)(uintptr_t)copy;
    *length = (uint32_t)size;
    return 0;
  }
  cz_type *element = type_at(t->element);
  if (element->kind == CZ_U8 && PyObject_CheckBuffer(value)) {
    Py_buffer view;
    if (PyObject_GetBuffer(value, &view, PyBUF_SIMPLE) < 0) return -1;
    void *copy = lower_alloc(cx, (size_t)view.len, 1);
    memcpy(copy, view.buf, (size_t)view.len);
    *pointer = (uint32_t)(uintptr_t)copy;
    *length = (uint32_t)view.len;
    PyBuffer_Release(&view);
    return 0;
  }
  PyObject *items = PySequence_Fast(value, "expected a list");
  if (items == NULL) return -1;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(items);
  uint8_t *base = lower_alloc(cx, (size_t)n * element->size, element->align);
  for (Py_ssize_t i = 0; i < n; i++) {
    if (cz_store(t->element, PySequence_Fast_GET_ITEM(items, i), base + i * element->size, cx) < 0) {
      Py_DECREF(items);
      return -1;
    }
  }
  Py_DECREF(items);
  *pointer = (uint32_t)(uintptr_t)base;
  *length = (uint32_t)n;
  return 0;
}

/* ---- variants, options and results share one shape: a case index and an optional payload -- */

/* The payload type of case `index`, CZ_NONE for none; -1 when the index is out of range. */
static int64_t case_payload(cz_type *t, uint32_t index) {
  switch (t->kind) {
    case CZ_VARIANT: return index < t->count ? t->members[index] : -1;
    case CZ_ENUM: return index < t->count ? CZ_NONE : -1;
    case CZ_OPTION: return index == 0 ? CZ_NONE : index == 1 ? t->element : -1;
    case CZ_RESULT: return index == 0 ? t->ok : index == 1 ? t->err : -1;
  }
  return -1;
}

/* Builds the Python object for case `index` with lifted payload (NULL when the case has none;
 * the reference is stolen). */
static PyObject *make_case(uint32_t type, uint32_t index, PyObject *payload) {
  cz_type *t = type_at(type);
  PyObject *result = NULL;
  switch (t->kind) {
    case CZ_ENUM: {
      PyObject *cls = registered(t->python_class);
      if (cls != NULL) result = PyObject_CallFunction(cls, "I", index);
      break;
    }
    case CZ_VARIANT: {
      PyObject *cases = registered(t->python_class);
      if (cases == NULL) break;
      if (!PyTuple_Check(cases) || PyTuple_GET_SIZE(cases) != (Py_ssize_t)t->count) {
        PyErr_Format(PyExc_RuntimeError,
                     "componentize: class %u of a variant must be a tuple of its %u case classes",
                     t->python_class, t->count);
        break;
      }
      PyObject *cls = PyTuple_GET_ITEM(cases, index);
      result = payload ? PyObject_CallOneArg(cls, payload) : PyObject_CallNoArgs(cls);
      break;
    }
    case CZ_OPTION:
      if (index == 0) {
        result = Py_NewRef(Py_None);
      } else if (type_at(t->element)->kind == CZ_OPTION) {
        /* option<option<T>>: the outer `some` must differ from the inner `none`. */
        result = cz_some_class ? PyObject_CallOneArg(cz_some_class, payload)
                               : (PyErr_SetString(PyExc_RuntimeError, "wit_world.Some is missing"), NULL);
      } else {
        result = Py_NewRef(payload);
      }
      break;
    case CZ_RESULT: {
      PyObject *cls = index == 0 ? cz_ok_class : cz_err_class;
      if (cls == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "wit_world.Ok/Err are missing");
        break;
      }
      result = PyObject_CallOneArg(cls, payload ? payload : Py_None);
      break;
    }
  }
  Py_XDECREF(payload);
  return result;
}

/* Decides which case a Python value is; sets *payload to a new reference to the payload object
 * (NULL when the case has none). Returns the case index or -1 with an exception. */
static int64_t which_case(uint32_t type, PyObject *value, PyObject **payload) {
  cz_type *t = type_at(type);
  *payload = NULL;
  switch (t->kind) {
    case CZ_ENUM: {
      PyObject *number = PyLong_Check(value) ? Py_NewRef(value) : PyObject_GetAttrString(value, "value");
      if (number == NULL) return -1;
      long index = PyLong_AsLong(number);
      Py_DECREF(number);
      if (index == -1 && PyErr_Occurred()) return -1;
      if (index < 0 || (uint32_t)index >= t->count) {
        PyErr_Format(PyExc_ValueError, "enum case %ld is out of range (%u cases)", index, t->count);
        return -1;
      }
      return index;
    }
    case CZ_VARIANT: {
      PyObject *cases = registered(t->python_class);
      if (cases == NULL) return -1;
      for (uint32_t i = 0; i < t->count && i < (uint32_t)PyTuple_GET_SIZE(cases); i++) {
        int is = is_instance(value, PyTuple_GET_ITEM(cases, i));
        if (is < 0) return -1;
        if (is) {
          if (t->members[i] != CZ_NONE) {
            *payload = PyObject_GetAttrString(value, "value");
            if (*payload == NULL) return -1;
          }
          return i;
        }
      }
      return type_error(type, value, "(an instance of one of its case classes)");
    }
    case CZ_OPTION:
      if (value == Py_None) return 0;
      if (type_at(t->element)->kind == CZ_OPTION) {
        if (cz_some_class == NULL || is_instance(value, cz_some_class) != 1) {
          if (!PyErr_Occurred()) type_error(type, value, "(None or Some(...) for a nested option)");
          return -1;
        }
        *payload = PyObject_GetAttrString(value, "value");
        return *payload ? 1 : -1;
      }
      *payload = Py_NewRef(value);
      return 1;
    case CZ_RESULT: {
      for (uint32_t i = 0; i < 2; i++) {
        PyObject *cls = i == 0 ? cz_ok_class : cz_err_class;
        int is = cls ? is_instance(value, cls) : 0;
        if (is < 0) return -1;
        if (is) {
          if (case_payload(t, i) != CZ_NONE) {
            *payload = PyObject_GetAttrString(value, "value");
            if (*payload == NULL) return -1;
          }
          return i;
        }
      }
      return type_error(type, value, "(Ok(...) or Err(...))");
    }
  }
  return type_error(type, value, NULL);
}

/* ---- flags ---------------------------------------------------------------------------------- */

static PyObject *lift_flags(uint32_t type, uint64_t bits) {
  cz_type *t = type_at(type);
  if (t->count < 64 && (bits >> t->count) != 0) {
    /* The spec ignores bits beyond the last flag; so do we. */
    bits &= (1ull << t->count) - 1;
  }
  PyObject *cls = registered(t->python_class);
  return cls ? PyObject_CallFunction(cls, "K", (unsigned long long)bits) : NULL;
}

static int lower_flags(uint32_t type, PyObject *value, uint64_t *bits) {
  PyObject *number = PyLong_Check(value) ? Py_NewRef(value) : PyObject_GetAttrString(value, "value");
  if (number == NULL) return -1;
  unsigned long long b = PyLong_AsUnsignedLongLong(number);
  Py_DECREF(number);
  if (b == (unsigned long long)-1 && PyErr_Occurred()) return -1;
  uint32_t count = type_at(type)->count;
  if (count < 64 && (b >> count) != 0) {
    PyErr_Format(PyExc_ValueError, "flags value %llu has bits beyond its %u flags", b, count);
    return -1;
  }
  *bits = b;
  return 0;
}

/* ---- resources ------------------------------------------------------------------------------ */

/* Field `index` of record `t` as an interned str, made on first use. */
static PyObject *field_name(cz_type *t, uint32_t index) {
  if (t->name_objects == NULL) {
    t->name_objects = calloc(t->count == 0 ? 1 : t->count, sizeof(PyObject *));
    if (t->name_objects == NULL) return PyErr_NoMemory();
  }
  if (t->name_objects[index] == NULL) {
    t->name_objects[index] = PyUnicode_InternFromString(t->names[index]);
  }
  return t->name_objects[index];
}

static PyObject *handle_name(void) {
  static PyObject *name;
  if (name == NULL) name = PyUnicode_InternFromString("_handle");
  return name;
}

/* Objects made from borrowed handles during the current export call. */
static PyObject *borrowed_objects(void) {
  static PyObject *list;
  if (list == NULL) list = PyList_New(0);
  return list;
}

void cz_end_borrows(void) {
  PyObject *list = borrowed_objects();
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
    if (PyObject_SetAttr(PyList_GET_ITEM(list, i), handle_name(), Py_None) < 0) PyErr_Clear();
  }
  PyList_SetSlice(list, 0, PyList_GET_SIZE(list), NULL);
}

static PyObject *lift_handle(uint32_t type, uint32_t handle) {
  cz_type *t = type_at(type);
  cz_type *resource = type_at(t->element);
  if (resource->exported) {
    /* Our own resource: a borrow arrives as the representation itself (CanonicalABI.md
     * lift_borrow when the current instance implements the type); an own handle is turned back
     * into the representation with [resource-rep]. */
    PyObject *object = t->kind == CZ_BORROW ? cz_rep_get(handle)
                                            : cz_rep_adopt_handle(handle, t->element);
    return object ? Py_NewRef(object) : NULL;
  }
  PyObject *cls = registered(resource->python_class);
  if (cls == NULL || !PyType_Check(cls)) {
    if (cls) PyErr_Format(PyExc_RuntimeError, "class of resource %s is not a class", resource->name);
    return NULL;
  }
  /* An imported resource's object: made without running __init__ (which would call the
   * constructor import), holding the handle in `_handle` as the generated class expects. A
   * borrowed handle is only valid during the export call that received it, so the glue
   * forgets it when that call returns (cz_end_borrows). */
  PyObject *no_arguments = PyTuple_New(0);
  if (no_arguments == NULL) return NULL;
  PyObject *object = ((PyTypeObject *)cls)->tp_new((PyTypeObject *)cls, no_arguments, NULL);
  Py_DECREF(no_arguments);
  if (object == NULL) return NULL;
  PyObject *h = PyLong_FromUnsignedLong(handle);
  int failed = h == NULL || PyObject_SetAttr(object, handle_name(), h) < 0;
  Py_XDECREF(h);
  if (!failed && t->kind == CZ_BORROW) failed = PyList_Append(borrowed_objects(), object) < 0;
  if (failed) Py_CLEAR(object);
  return object;
}

static int lower_handle(uint32_t type, PyObject *value, uint64_t *bits) {
  cz_type *t = type_at(type);
  cz_type *resource = type_at(t->element);
  PyObject *cls = registered(resource->python_class);
  if (cls == NULL) return -1;
  int is = is_instance(value, cls);
  if (is < 0) return -1;
  if (!is) return type_error(type, value, resource->name);
  if (resource->exported) {
    if (t->kind == CZ_BORROW) {
      PyErr_Format(PyExc_NotImplementedError,
                   "passing a borrow of exported resource %s to an import is not supported",
                   resource->name);
      return -1;
    }
    *bits = cz_rep_own_handle(value, t->element);
    return 0;
  }
  PyObject *h = PyObject_GetAttr(value, handle_name());
  if (h == NULL) return -1;
  if (h == Py_None) {
    Py_DECREF(h);
    PyErr_Format(PyExc_ValueError, "resource %s was already dropped or moved", resource->name);
    return -1;
  }
  unsigned long handle = PyLong_AsUnsignedLong(h);
  Py_DECREF(h);
  if (handle == (unsigned long)-1 && PyErr_Occurred()) return -1;
  if (t->kind == CZ_OWN) {
    /* Ownership moves to the callee: the object must neither use nor drop the handle again. */
    if (PyObject_SetAttr(value, handle_name(), Py_None) < 0) return -1;
  }
  *bits = handle;
  return 0;
}

/* Stream and future ends and error contexts are objects of the runtime's componentize_streams
 * module, which owns their handles (runtime/src/main/python/componentize_streams.py). */
static PyObject *streams_call(const char *name, const char *format, ...) {
  static PyObject *module;
  if (module == NULL) {
    module = PyImport_ImportModule("componentize_streams");
    if (module == NULL) return NULL;
  }
  PyObject *function = PyObject_GetAttrString(module, name);
  if (function == NULL) return NULL;
  va_list arguments;
  va_start(arguments, format);
  PyObject *tuple = Py_VaBuildValue(format, arguments);
  va_end(arguments);
  PyObject *result = tuple ? PyObject_Call(function, tuple, NULL) : NULL;
  Py_XDECREF(tuple);
  Py_DECREF(function);
  return result;
}

static PyObject *lift_async_handle(uint32_t type, uint32_t handle) {
  return streams_call("lift", "(IIk)", type, type_at(type)->kind, (unsigned long)handle);
}

static int lower_async_handle(uint32_t type, PyObject *value, uint64_t *bits) {
  PyObject *handle = streams_call("lower", "(IIO)", type, type_at(type)->kind, value);
  if (handle == NULL) return -1;
  unsigned long h = PyLong_AsUnsignedLong(handle);
  Py_DECREF(handle);
  if (h == (unsigned long)-1 && PyErr_Occurred()) return -1;
  *bits = (uint32_t)h;
  return 0;
}

static bool is_async_handle(uint32_t kind) {
  return kind == CZ_STREAM || kind == CZ_FUTURE || kind == CZ_ERROR_CONTEXT;
}

/* ---- memory representation ------------------------------------------------------------------ */

static uint64_t load_bits(const uint8_t *address, uint32_t size) {
  uint64_t bits = 0;
  memcpy(&bits, address, size); /* little-endian host and target */
  return bits;
}

PyObject *cz_load(uint32_t type, const uint8_t *address, cz_lift_context *cx) {
  cz_type *t = type_at(type);
  if (is_scalar(t->kind)) return lift_scalar(t->kind, load_bits(address, t->size));
  if (is_async_handle(t->kind)) return lift_async_handle(type, (uint32_t)load_bits(address, 4));
  switch (t->kind) {
    case CZ_STRING:
      return lift_string((uint32_t)load_bits(address, 4), (uint32_t)load_bits(address + 4, 4), cx);
    case CZ_LIST:
      return lift_list(type, (uint32_t)load_bits(address, 4), (uint32_t)load_bits(address + 4, 4), cx);
    case CZ_RECORD:
    case CZ_TUPLE: {
      PyObject *items = PyTuple_New(t->count);
      for (uint32_t i = 0; items != NULL && i < t->count; i++) {
        PyObject *item = cz_load(t->members[i], address + t->offsets[i], cx);
        if (item == NULL) Py_CLEAR(items);
        else PyTuple_SET_ITEM(items, i, item);
      }
      if (items == NULL || t->kind == CZ_TUPLE) return items;
      PyObject *cls = registered(t->python_class);
      PyObject *record = cls ? PyObject_Call(cls, items, NULL) : NULL;
      Py_DECREF(items);
      return record;
    }
    case CZ_FLAGS:
      return lift_flags(type, load_bits(address, t->size));
    case CZ_OWN:
    case CZ_BORROW:
      return lift_handle(type, (uint32_t)load_bits(address, 4));
    case CZ_VARIANT:
    case CZ_ENUM:
    case CZ_OPTION:
    case CZ_RESULT: {
      uint32_t index = (uint32_t)load_bits(address, t->disc_size);
      int64_t payload = case_payload(t, index);
      if (payload < 0) trap("variant discriminant out of range");
      PyObject *value = NULL;
      if (payload != CZ_NONE) {
        value = cz_load((uint32_t)payload, address + t->payload_offset, cx);
        if (value == NULL) return NULL;
      }
      return make_case(type, index, value);
    }
  }
  trap("cannot load a value of this type");
}

int cz_store(uint32_t type, PyObject *value, uint8_t *address, cz_lower_context *cx) {
  cz_type *t = type_at(type);
  uint64_t bits = 0;
  if (is_async_handle(t->kind)) {
    if (lower_async_handle(type, value, &bits) < 0) return -1;
    memcpy(address, &bits, 4);
    return 0;
  }
  switch (t->kind) {
    case CZ_STRING:
    case CZ_LIST: {
      uint32_t pair[2];
      if (lower_string_or_list(type, value, &pair[0], &pair[1], cx) < 0) return -1;
      memcpy(address, pair, 8);
      return 0;
    }
    case CZ_RECORD:
    case CZ_TUPLE: {
      PyObject *items = NULL;
      if (t->kind == CZ_TUPLE) {
        items = PySequence_Fast(value, "expected a tuple");
        if (items == NULL) return -1;
        if (PySequence_Fast_GET_SIZE(items) != (Py_ssize_t)t->count) {
          Py_DECREF(items);
          return type_error(type, value, "of the right length");
        }
      }
      for (uint32_t i = 0; i < t->count; i++) {
        PyObject *name = items ? NULL : field_name(t, i);
        PyObject *item = items ? Py_NewRef(PySequence_Fast_GET_ITEM(items, i))
                               : name ? PyObject_GetAttr(value, name) : NULL;
        int failed = item == NULL || cz_store(t->members[i], item, address + t->offsets[i], cx) < 0;
        Py_XDECREF(item);
        if (failed) {
          Py_XDECREF(items);
          return -1;
        }
      }
      Py_XDECREF(items);
      return 0;
    }
    case CZ_VARIANT:
    case CZ_ENUM:
    case CZ_OPTION:
    case CZ_RESULT: {
      PyObject *payload;
      int64_t index = which_case(type, value, &payload);
      if (index < 0) return -1;
      memcpy(address, &index, t->disc_size);
      int64_t payload_type = case_payload(t, (uint32_t)index);
      int result = 0;
      if (payload_type != CZ_NONE) {
        result = cz_store((uint32_t)payload_type, payload, address + t->payload_offset, cx);
      }
      Py_XDECREF(payload);
      return result;
    }
    case CZ_FLAGS:
      if (lower_flags(type, value, &bits) < 0) return -1;
      memcpy(address, &bits, t->size);
      return 0;
    case CZ_OWN:
    case CZ_BORROW:
      if (lower_handle(type, value, &bits) < 0) return -1;
      memcpy(address, &bits, 4);
      return 0;
    case CZ_RESOURCE:
      return type_error(type, value, "(a resource is passed as own or borrow)");
  }
  if (lower_scalar(type, value, &bits) < 0) return -1;
  memcpy(address, &bits, t->size);
  return 0;
}

/* ---- flat representation (8-byte slots) -------------------------------------------------- */

PyObject *cz_lift_flat(uint32_t type, const uint64_t *slots, uint32_t *slot, cz_lift_context *cx) {
  cz_type *t = type_at(type);
  uint32_t start = *slot;
  if (is_scalar(t->kind)) {
    *slot += 1;
    return lift_scalar(t->kind, slots[start]);
  }
  if (is_async_handle(t->kind)) {
    *slot += 1;
    return lift_async_handle(type, (uint32_t)slots[start]);
  }
  switch (t->kind) {
    case CZ_STRING:
    case CZ_LIST: {
      *slot += 2;
      uint32_t pointer = (uint32_t)slots[start], length = (uint32_t)slots[start + 1];
      return t->kind == CZ_STRING ? lift_string(pointer, length, cx)
                                  : lift_list(type, pointer, length, cx);
    }
    case CZ_RECORD:
    case CZ_TUPLE: {
      PyObject *items = PyTuple_New(t->count);
      for (uint32_t i = 0; items != NULL && i < t->count; i++) {
        PyObject *item = cz_lift_flat(t->members[i], slots, slot, cx);
        if (item == NULL) Py_CLEAR(items);
        else PyTuple_SET_ITEM(items, i, item);
      }
      if (items == NULL || t->kind == CZ_TUPLE) return items;
      PyObject *cls = registered(t->python_class);
      PyObject *record = cls ? PyObject_Call(cls, items, NULL) : NULL;
      Py_DECREF(items);
      return record;
    }
    case CZ_FLAGS: {
      uint64_t bits = 0;
      for (uint32_t i = 0; i < t->flat_count; i++) bits |= (uint64_t)(uint32_t)slots[start + i] << (32 * i);
      *slot += t->flat_count;
      return lift_flags(type, bits);
    }
    case CZ_OWN:
    case CZ_BORROW:
      *slot += 1;
      return lift_handle(type, (uint32_t)slots[start]);
    case CZ_VARIANT:
    case CZ_ENUM:
    case CZ_OPTION:
    case CZ_RESULT: {
      uint32_t index = (uint32_t)slots[start];
      int64_t payload = case_payload(t, index);
      if (payload < 0) trap("variant discriminant out of range");
      uint32_t inner = start + 1;
      PyObject *value = NULL;
      if (payload != CZ_NONE) {
        value = cz_lift_flat((uint32_t)payload, slots, &inner, cx);
        if (value == NULL) return NULL;
      }
      /* The joined payload is as long as the longest case; skip what this case did not use. */
      *slot = start + t->flat_count;
      return make_case(type, index, value);
    }
  }
  trap("cannot lift a value of this type");
}

int cz_lower_flat(uint32_t type, PyObject *value, uint64_t *slots, uint32_t *slot,
                  cz_lower_context *cx) {
  cz_type *t = type_at(type);
  uint32_t start = *slot;
  /* Slots are zeroed first: a case's unused joined slots must hold 0, and an i32 or f32 in an
   * i64-joined slot must be zero-extended (CanonicalABI.md lower_flat_variant). */
  for (uint32_t i = 0; i < t->flat_count; i++) slots[start + i] = 0;
  *slot = start + t->flat_count;
  switch (t->kind) {
    case CZ_STRING:
    case CZ_LIST: {
      uint32_t pointer, length;
      if (lower_string_or_list(type, value, &pointer, &length, cx) < 0) return -1;
      slots[start] = pointer;
      slots[start + 1] = length;
      return 0;
    }
    case CZ_RECORD:
    case CZ_TUPLE: {
      PyObject *items = NULL;
      if (t->kind == CZ_TUPLE) {
        items = PySequence_Fast(value, "expected a tuple");
        if (items == NULL) return -1;
        if (PySequence_Fast_GET_SIZE(items) != (Py_ssize_t)t->count) {
          Py_DECREF(items);
          return type_error(type, value, "of the right length");
        }
      }
      uint32_t inner = start;
      for (uint32_t i = 0; i < t->count; i++) {
        PyObject *name = items ? NULL : field_name(t, i);
        PyObject *item = items ? Py_NewRef(PySequence_Fast_GET_ITEM(items, i))
                               : name ? PyObject_GetAttr(value, name) : NULL;
        int failed = item == NULL || cz_lower_flat(t->members[i], item, slots, &inner, cx) < 0;
        Py_XDECREF(item);
        if (failed) {
          Py_XDECREF(items);
          return -1;
        }
      }
      Py_XDECREF(items);
      return 0;
    }
    case CZ_VARIANT:
    case CZ_ENUM:
    case CZ_OPTION:
    case CZ_RESULT: {
      PyObject *payload;
      int64_t index = which_case(type, value, &payload);
      if (index < 0) return -1;
      slots[start] = (uint64_t)index;
      int64_t payload_type = case_payload(t, (uint32_t)index);
      int result = 0;
      if (payload_type != CZ_NONE) {
        uint32_t inner = start + 1;
        result = cz_lower_flat((uint32_t)payload_type, payload, slots, &inner, cx);
      }
      Py_XDECREF(payload);
      return result;
    }
    case CZ_FLAGS: {
      uint64_t bits;
      if (lower_flags(type, value, &bits) < 0) return -1;
      for (uint32_t i = 0; i < t->flat_count; i++) slots[start + i] = (uint32_t)(bits >> (32 * i));
      return 0;
    }
    case CZ_OWN:
    case CZ_BORROW:
      return lower_handle(type, value, &slots[start]);
    case CZ_STREAM:
    case CZ_FUTURE:
    case CZ_ERROR_CONTEXT:
      return lower_async_handle(type, value, &slots[start]);
    case CZ_RESOURCE:
      return type_error(type, value, "(a resource is passed as own or borrow)");
  }
  if (lower_scalar(type, value, &slots[start]) < 0) return -1;
  if (t->size < 8) {
    /* A 32-bit core value: zero-extended in its slot (sign bits of s8..s32 cleared). */
    slots[start] &= 0xffffffffu;
  }
  return 0;
}
