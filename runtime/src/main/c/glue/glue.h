/*
 * Internal interface of libcomponentize.so, the glue between the component model's canonical ABI
 * and CPython. The contract with libworld.so and the generated `wit_world` package is
 * docs/python-glue.md; sizes, alignments and flattening follow the component model's
 * CanonicalABI.md ("Despecialization", "Alignment", "Element Size", "Flattening").
 */
#ifndef COMPONENTIZE_GLUE_H
#define COMPONENTIZE_GLUE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- descriptor (docs/python-glue.md "The descriptor blob") ------------------------------ */

#define CZ_MAGIC 0x574d4f43u /* "COMW" */
#define CZ_VERSION 1u
#define CZ_NONE 0xffffffffu

enum cz_kind {
  CZ_BOOL = 0,
  CZ_S8,
  CZ_U8,
  CZ_S16,
  CZ_U16,
  CZ_S32,
  CZ_U32,
  CZ_S64,
  CZ_U64,
  CZ_F32,
  CZ_F64,
  CZ_CHAR,
  CZ_STRING,
  CZ_LIST,
  CZ_RECORD,
  CZ_TUPLE,
  CZ_VARIANT,
  CZ_ENUM,
  CZ_FLAGS,
  CZ_OPTION,
  CZ_RESULT,
  CZ_OWN,
  CZ_BORROW,
  CZ_RESOURCE,
  CZ_KIND_COUNT
};

/* The spec's limits: more flat parameters than this are passed in memory, more flat results
 * than this are returned through a pointer. */
#define CZ_MAX_FLAT_PARAMS 16
#define CZ_MAX_FLAT_RESULTS 1

typedef struct cz_type {
  uint32_t kind;
  uint32_t size;  /* bytes in linear memory */
  uint32_t align; /* bytes */
  /* Number of flat core values (CanonicalABI.md "Flattening"). Their core types do not matter
   * here: in 8-byte slots a value joined to a wider type (a variant's i32 payload in an i64, an
   * f32 in an i32) keeps its bits at the start of the slot, so reading the slot as the case's own
   * type is exactly the spec's coercion. */
  uint32_t flat_count;
  uint32_t python_class; /* record, variant, enum, flags, resource; else CZ_NONE */
  uint32_t count;        /* fields, tuple items, cases, flags */
  uint32_t *members;     /* member type per field/item/case (CZ_NONE: case without payload) */
  uint32_t *offsets;     /* record/tuple: byte offset of each member */
  PyObject **names;      /* record/variant: member names as interned str */
  uint32_t element;      /* list element, option payload, own/borrow resource */
  uint32_t ok, err;      /* result */
  uint32_t disc_size;    /* variant/enum/option/result: discriminant bytes */
  uint32_t payload_offset;
  /* resource */
  uint32_t exported;
  uint32_t drop_import, new_import, rep_import;
  const char *name; /* resource: WIT name, for messages (NUL-terminated copy) */
} cz_type;

typedef struct cz_function {
  const char *name;     /* core name, for messages */
  const char *callable; /* dotted path */
  uint32_t param_count;
  uint32_t *params;
  uint32_t result; /* CZ_NONE: no result */
  uint32_t flags;
  /* Computed: flat parameter/result counts and the memory layout of spilled parameters. */
  uint32_t flat_params;
  uint32_t flat_results;
  PyObject *target; /* exports: resolved callable (or bound method), NULL until first use */
} cz_function;

#define CZ_FLAG_METHOD 1u
#define CZ_FLAG_STATIC 2u
#define CZ_FLAG_CONSTRUCTOR 4u

typedef struct cz_world {
  uint32_t type_count;
  cz_type *types;
  uint32_t export_count;
  cz_function *exports;
  uint32_t import_count;
  cz_function *imports;
  const char *app_module;
} cz_world;

/* Parses and checks `blob`; on failure writes a message into `error` and returns false. */
bool cz_world_parse(const uint8_t *blob, cz_world *world, char *error, size_t error_size);

/* ---- state shared by the glue's files ----------------------------------------------------- */

extern cz_world cz_the_world;
/* Registered classes (a list), and the helpers of wit_world (Ok, Err, Some); NULL until set. */
extern PyObject *cz_classes;
extern PyObject *cz_ok_class;
extern PyObject *cz_err_class;
extern PyObject *cz_some_class;

/* Allocations made while lowering an export's results: freed by componentize_post_return. */
void cz_track_allocation(void *pointer);
void cz_free_tracked(void);

/* Exported resources: the representation handed to [resource-new] is an index into this table
 * (1-based so that 0 is never a valid rep). */
uint32_t cz_rep_insert(PyObject *object, uint32_t resource_type);
PyObject *cz_rep_get(uint32_t rep); /* borrowed reference, NULL with an exception set */
void cz_rep_remove(uint32_t rep);

/* Forgets the handles of imported-resource objects lifted from borrows during an export call
 * (a borrow ends when the call returns: CanonicalABI.md "Handle" borrow scopes). */
void cz_end_borrows(void);

/* Raw call of a resource intrinsic through componentize_call_import (one i32 in, one i32 out). */
uint32_t cz_call_intrinsic(uint32_t import_index, uint32_t argument);

/* ---- the lift/lower engine (abi.c) -------------------------------------------------------- */

/* Who owns memory that lifting reads: when `free_lifted` is set, lifted strings and lists
 * are freed after conversion (the canonical ABI hands them to the callee). */
typedef struct cz_lift_context {
  bool free_lifted;
} cz_lift_context;

/* Lowering allocates strings and lists with malloc; with `track` set, each allocation is
 * remembered for cz_free_tracked (export results, freed at post-return); otherwise they are
 * collected in `owned` and freed by the caller (import arguments, freed after the call). */
typedef struct cz_lower_context {
  bool track;
  void **owned;
  size_t owned_count, owned_capacity;
} cz_lower_context;

void cz_lower_context_free(cz_lower_context *cx);

/* Memory representation: `address` is a linear-memory address of type `type`'s layout. */
PyObject *cz_load(uint32_t type, const uint8_t *address, cz_lift_context *cx);
int cz_store(uint32_t type, PyObject *value, uint8_t *address, cz_lower_context *cx);

/* Flat representation: 8-byte slots (docs/python-glue.md "Flat-value areas"); `*slot` is the
 * next slot to read or write and advances by the type's flat count. */
PyObject *cz_lift_flat(uint32_t type, const uint64_t *slots, uint32_t *slot, cz_lift_context *cx);
int cz_lower_flat(uint32_t type, PyObject *value, uint64_t *slots, uint32_t *slot,
                  cz_lower_context *cx);

/* The canonical ABI's realloc, shared by cabi_realloc and the lowering code. */
void *cz_realloc(void *old, size_t old_size, size_t align, size_t new_size);

#endif
