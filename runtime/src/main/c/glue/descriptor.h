/*
 * The world descriptor as the glue reads it (docs/design/python-glue.md "The descriptor blob"), with
 * each type's canonical ABI layout computed (CanonicalABI.md "Alignment", "Element Size",
 * "Flattening"). Plain C, no CPython: test tools parse blobs with it natively.
 */
#ifndef COMPONENTIZE_DESCRIPTOR_H
#define COMPONENTIZE_DESCRIPTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- descriptor (docs/design/python-glue.md "The descriptor blob") ------------------------------ */

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
  CZ_STREAM,
  CZ_FUTURE,
  CZ_ERROR_CONTEXT,
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
  char **names;          /* record/variant: member names (NUL-terminated copies) */
  void **name_objects;   /* the glue's cache of `names` as Python str, made on first use */
  uint32_t element;      /* list element, option payload, own/borrow resource */
  uint32_t ok, err;      /* result */
  uint32_t disc_size;    /* variant/enum/option/result: discriminant bytes */
  uint32_t payload_offset;
  /* resource */
  uint32_t exported;
  uint32_t drop_import, new_import, rep_import;
  const char *name; /* resource: WIT name, for messages (NUL-terminated copy) */
  /* stream, future: import index of the first of the type's seven built-ins (new, read, write,
   * cancel-read, cancel-write, drop-readable, drop-writable); error-context: of its three (new,
   * debug-message, drop). `element` is the payload type (CZ_NONE: none). */
  uint32_t builtins;
} cz_type;

typedef struct cz_function {
  const char *name;     /* core name, for messages */
  const char *callable; /* dotted path */
  uint32_t param_count;
  uint32_t *params;
  uint32_t result; /* CZ_NONE: no result */
  uint32_t flags;
  /* Async functions only (CZ_FLAG_ASYNC): the import index of an async export's task.return
   * (CZ_NONE for an import) and of the first task/waitable built-in; else CZ_NONE. */
  uint32_t task_return;
  uint32_t async_builtins;
  /* Computed: flat parameter/result counts and the memory layout of spilled parameters. */
  uint32_t flat_params;
  uint32_t flat_results;
} cz_function;

#define CZ_FLAG_METHOD 1u
#define CZ_FLAG_STATIC 2u
#define CZ_FLAG_CONSTRUCTOR 4u
#define CZ_FLAG_ASYNC 8u

/* Flat parameters of an async lowering before they go through memory (Async.md). */
#define CZ_MAX_FLAT_ASYNC_PARAMS 4

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

#endif
