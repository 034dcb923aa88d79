/*
 * Internal interface of libcomponentize.so, the glue between the component model's canonical ABI
 * and CPython. The contract with libworld.so and the generated `wit_world` package is
 * docs/design/python-glue.md; sizes, alignments and flattening follow the component model's
 * CanonicalABI.md ("Despecialization", "Alignment", "Element Size", "Flattening").
 */
#ifndef COMPONENTIZE_GLUE_H
#define COMPONENTIZE_GLUE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "descriptor.h"

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

/* Exported resources: the representation handed to [resource-new] is an index into a table of
 * the app's objects (1-based so that 0 is never a valid rep). An entry counts the own handles
 * that exist for it and lives until the destructor of the last one (componentize_drop_rep). */

/* An own handle for `object` to hand out: the handle the component itself holds for it, if any
 * (ownership moves on), else a new one from [resource-new]. */
uint32_t cz_rep_own_handle(PyObject *object, uint32_t resource_type);
/* Takes an own handle the component received: its object (borrowed reference, NULL with an
 * exception set), remembering that the component now holds the handle. */
PyObject *cz_rep_adopt_handle(uint32_t handle, uint32_t resource_type);
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

/* Flat representation: 8-byte slots (docs/design/python-glue.md "Flat-value areas"); `*slot` is the
 * next slot to read or write and advances by the type's flat count. */
PyObject *cz_lift_flat(uint32_t type, const uint64_t *slots, uint32_t *slot, cz_lift_context *cx);
int cz_lower_flat(uint32_t type, PyObject *value, uint64_t *slots, uint32_t *slot,
                  cz_lower_context *cx);

/* The canonical ABI's realloc, shared by cabi_realloc and the lowering code. */
void *cz_realloc(void *old, size_t old_size, size_t align, size_t new_size);

#endif
