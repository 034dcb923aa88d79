/*
 * TEST FIXTURE: a hand-written stand-in for the generated libworld.so of the glue test world
 * (make_world_blob.py lists its WIT). It follows docs/design/python-glue.md as linker-core's generator
 * must: the descriptor blob as the data symbol `componentize_world`, `componentize_call_import`
 * dispatching on the import index with flat values in 8-byte slots, and export bodies that pass
 * their flat parameters to `componentize_call_export`.
 *
 * Import 0 (`log`) goes to the host; import 1 (`fetch`) is answered here, acting as the host
 * would (allocating its result with the glue's cabi_realloc). The `test_*` exports drive the
 * glue's exports with hand-made canonical-ABI values and check the results byte by byte against
 * offsets worked out from CanonicalABI.md, independently of the glue's own layout code. Each
 * returns the number of failed checks and names each failure on stderr.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "world_blob.h"

#define EXPORT __attribute__((visibility("default")))

EXPORT const uint32_t componentize_world[] = {WORLD_BLOB_WORDS};

/* From libcomponentize.so. */
extern void componentize_call_export(uint32_t export_index, uint8_t *params, uint8_t *results);
extern void componentize_post_return(uint32_t export_index, uint8_t *results);
extern void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size);

/* From the host: `log: func(msg: string)` of the world, flat (i32 pointer, i32 length). */
__attribute__((import_module("$root"), import_name("log"))) extern void host_log(uint32_t pointer,
                                                                               uint32_t length);

static uint32_t failures;

#define CHECK(condition)                                                                \
  do {                                                                                  \
    if (!(condition)) {                                                                 \
      fprintf(stderr, "world_fixture.c:%d: check failed: %s\n", __LINE__, #condition); \
      failures++;                                                                       \
    }                                                                                   \
  } while (0)

static uint32_t u32_at(uint32_t address) {
  uint32_t v;
  memcpy(&v, (const void *)(uintptr_t)address, 4);
  return v;
}

/* A string in fresh memory, as a host passing it to the component would make it. */
static uint32_t host_string(const char *text) {
  size_t n = strlen(text);
  void *p = cabi_realloc(NULL, 0, 1, n);
  memcpy(p, text, n);
  return (uint32_t)(uintptr_t)p;
}

static int string_equals(uint32_t pointer, uint32_t length, const char *expected) {
  return length == strlen(expected) && memcmp((const void *)(uintptr_t)pointer, expected, length) == 0;
}

extern void componentize_drop_rep(uint32_t resource_type_index, uint32_t rep);

/* The host's side of the two resources. Handles are indices (from 1) into these tables. */
#define MAX_HANDLES 16
#define TALLY_TYPE_INDEX 22 /* the resource type `tally` in make_world_blob.py */
static uint32_t counter_value[MAX_HANDLES], counter_live[MAX_HANDLES], counter_count = 1;
static uint32_t counter_drops;
static uint32_t tally_rep[MAX_HANDLES], tally_count = 1;

static uint32_t new_counter(uint32_t start) {
  if (counter_count == MAX_HANDLES) __builtin_trap();
  counter_value[counter_count] = start;
  counter_live[counter_count] = 1;
  return counter_count++;
}

static uint32_t live_counter(uint32_t handle) {
  if (handle == 0 || handle >= counter_count || !counter_live[handle]) {
    fprintf(stderr, "world_fixture.c: counter handle %u is not live\n", handle);
    __builtin_trap();
  }
  return handle;
}

EXPORT void componentize_call_import(uint32_t index, uint8_t *params, uint8_t *results) {
  uint64_t slots[2];
  memcpy(slots, params, sizeof slots);
  uint32_t out;
  switch (index) {
    case 2: /* [constructor]counter(start) -> own<counter> */
      out = new_counter((uint32_t)slots[0]);
      memcpy(results, &out, 4);
      return;
    case 3: /* [method]counter.add(self: borrow<counter>, n) -> u32 */
      out = counter_value[live_counter((uint32_t)slots[0])] += (uint32_t)slots[1];
      memcpy(results, &out, 4);
      return;
    case 4: /* [resource-drop]counter */
      counter_live[live_counter((uint32_t)slots[0])] = 0;
      counter_drops++;
      return;
    case 5: /* [resource-drop]tally: the last handle of our own resource calls its destructor */
      componentize_drop_rep(TALLY_TYPE_INDEX, tally_rep[(uint32_t)slots[0]]);
      tally_rep[(uint32_t)slots[0]] = 0;
      return;
    case 6: /* [resource-new]tally(rep) -> handle */
      if (tally_count == MAX_HANDLES) __builtin_trap();
      tally_rep[tally_count] = (uint32_t)slots[0];
      out = tally_count++;
      memcpy(results, &out, 4);
      return;
    case 7: /* [resource-rep]tally(handle) -> rep */
      out = tally_rep[(uint32_t)slots[0]];
      memcpy(results, &out, 4);
      return;
    case 0:
      host_log((uint32_t)slots[0], (uint32_t)slots[1]);
      return;
    case 1: {
      /* fetch(key) -> result<list<u8>, string>: spilled, so `results` is the return pointer:
       * discriminant u8 at 0, payload (pointer, length) at 4. */
      const char *key = (const char *)(uintptr_t)(uint32_t)slots[0];
      uint32_t length = (uint32_t)slots[1];
      const char *answer;
      uint8_t disc;
      char message[64];
      if (length == 3 && memcmp(key, "bad", 3) == 0) {
        disc = 1;
        snprintf(message, sizeof message, "no such key: %.*s", (int)length, key);
        answer = message;
      } else {
        disc = 0;
        snprintf(message, sizeof message, "%.*s", (int)length, key);
        answer = message;
      }
      uint32_t pointer = host_string(answer);
      uint32_t answer_length = (uint32_t)strlen(answer);
      results[0] = disc;
      memcpy(results + 4, &pointer, 4);
      memcpy(results + 8, &answer_length, 4);
      return;
    }
  }
  __builtin_trap();
}

/* ---- the world's exports as the generated library would have them ---------------------------- */

EXPORT uint32_t greet(uint32_t pointer, uint32_t length) {
  uint64_t params[2] = {pointer, length};
  uint64_t results[1] = {0};
  componentize_call_export(0, (uint8_t *)params, (uint8_t *)results);
  return (uint32_t)results[0];
}

EXPORT void cabi_post_greet(uint32_t result) {
  uint64_t slots[1] = {result};
  componentize_post_return(0, (uint8_t *)slots);
}

EXPORT uint32_t fail(void) {
  uint64_t results[1] = {0};
  componentize_call_export(4, NULL, (uint8_t *)results);
  return (uint32_t)results[0];
}

EXPORT uint32_t describe(void) {
  uint64_t results[1] = {0};
  componentize_call_export(5, NULL, (uint8_t *)results);
  return (uint32_t)results[0];
}

/* ---- self tests ------------------------------------------------------------------------------ */

static uint64_t f64_bits(double d) {
  uint64_t b;
  memcpy(&b, &d, 8);
  return b;
}

static uint64_t f32_bits(float f) {
  uint32_t b;
  memcpy(&b, &f, 4);
  return b;
}

/* echo(p, tags, c, s) -> tuple<point, list<string>, option<color>, shape>; the app returns
 * (point(x + 1, y * 2, label.upper()), reversed(tags) + ["end"], c, s).
 * Result tuple layout (CanonicalABI.md "Element Size"/"Alignment"): point {x s32 @0, y f64 @8,
 * label string @16} size 24 align 8; list<string> @24; option<color> @32 (u8 case, u8 payload
 * @33); shape @36 (u8 case, payload @40 aligned to f32); total 48, align 8. */
EXPORT uint32_t test_echo(void) {
  failures = 0;
  for (int round = 0; round < 2; round++) {
    uint32_t *tags = cabi_realloc(NULL, 0, 4, 16);
    tags[0] = host_string("a");
    tags[1] = 1;
    tags[2] = host_string("bc");
    tags[3] = 2;
    uint64_t params[10] = {
        (uint32_t)-7, f64_bits(2.5), host_string("pt"), 2, (uint32_t)(uintptr_t)tags, 2,
        /* option<color>: round 0 some(blue), round 1 none with a stray payload to ignore */
        round == 0 ? 1 : 0, round == 0 ? 2 : 99,
        /* shape: round 0 circle(1.5), round 1 empty with a stray payload to ignore */
        round == 0 ? 0 : 2, round == 0 ? f32_bits(1.5f) : 0xdeadbeefu};
    uint64_t results[1] = {0};
    componentize_call_export(1, (uint8_t *)params, (uint8_t *)results);
    const uint8_t *r = (const uint8_t *)(uintptr_t)(uint32_t)results[0];
    CHECK(r != NULL && ((uintptr_t)r % 8) == 0);
    int32_t x;
    double y;
    float radius;
    memcpy(&x, r, 4);
    memcpy(&y, r + 8, 8);
    CHECK(x == -6);
    CHECK(y == 5.0);
    CHECK(string_equals(u32_at((uintptr_t)r + 16), u32_at((uintptr_t)r + 20), "PT"));
    uint32_t list = u32_at((uintptr_t)r + 24);
    CHECK(u32_at((uintptr_t)r + 28) == 3);
    CHECK(string_equals(u32_at(list), u32_at(list + 4), "bc"));
    CHECK(string_equals(u32_at(list + 8), u32_at(list + 12), "a"));
    CHECK(string_equals(u32_at(list + 16), u32_at(list + 20), "end"));
    if (round == 0) {
      CHECK(r[32] == 1 && r[33] == 2);
      CHECK(r[36] == 0);
      memcpy(&radius, r + 40, 4);
      CHECK(radius == 1.5f);
    } else {
      CHECK(r[32] == 0);
      CHECK(r[36] == 2);
    }
    componentize_post_return(1, (uint8_t *)results);
  }
  return failures;
}

/* fetch-twice(key) -> result<list<u8>, string>: the app calls the `fetch` import and returns its
 * bytes twice; the import's Err propagates as the export's err. Layout: u8 case @0, payload @4. */
EXPORT uint32_t test_fetch(void) {
  failures = 0;
  uint64_t params[2] = {host_string("abc"), 3};
  uint64_t results[1] = {0};
  componentize_call_export(2, (uint8_t *)params, (uint8_t *)results);
  uint32_t r = (uint32_t)results[0];
  CHECK(*(const uint8_t *)(uintptr_t)r == 0);
  CHECK(string_equals(u32_at(r + 4), u32_at(r + 8), "abcabc"));
  componentize_post_return(2, (uint8_t *)results);

  params[0] = host_string("bad");
  params[1] = 3;
  componentize_call_export(2, (uint8_t *)params, (uint8_t *)results);
  r = (uint32_t)results[0];
  CHECK(*(const uint8_t *)(uintptr_t)r == 1);
  CHECK(string_equals(u32_at(r + 4), u32_at(r + 8), "no such key: bad"));
  componentize_post_return(2, (uint8_t *)results);
  return failures;
}

/* flip(f: perms, n: u64, c: char) -> tuple<perms, u64, char>; the app returns (~f, n + 1,
 * the next char). Layout: perms u8 @0, u64 @8, char @16; size 24. */
EXPORT uint32_t test_flip(void) {
  failures = 0;
  uint64_t params[3] = {5, 1ull << 63, 0xe9};
  uint64_t results[1] = {0};
  componentize_call_export(3, (uint8_t *)params, (uint8_t *)results);
  const uint8_t *r = (const uint8_t *)(uintptr_t)(uint32_t)results[0];
  uint64_t n;
  memcpy(&n, r + 8, 8);
  CHECK(r[0] == 2);
  CHECK(n == (1ull << 63) + 1);
  CHECK(u32_at((uintptr_t)r + 16) == 0xea);
  componentize_post_return(3, (uint8_t *)results);
  return failures;
}

/* Resources: the app borrows a host counter (and makes and drops a scratch one), returns a new
 * counter it made through the import constructor, and implements the exported resource tally,
 * whose destructor reaches the app when the host drops the handle. */
static uint32_t call_u32(uint32_t export_index, uint64_t argument) {
  uint64_t params[1] = {argument};
  uint64_t results[1] = {0};
  componentize_call_export(export_index, (uint8_t *)params, (uint8_t *)results);
  componentize_post_return(export_index, (uint8_t *)results);
  return (uint32_t)results[0];
}

EXPORT uint32_t test_resources(void) {
  failures = 0;
  uint32_t borrowed = new_counter(10);
  CHECK(call_u32(8, borrowed) == 15); /* use-counter: c.add(5) */
  CHECK(counter_value[borrowed] == 15 && counter_live[borrowed]);
  CHECK(counter_drops == 1); /* the scratch counter, dropped by its `with` block */
  CHECK(counter_value[borrowed + 1] == 101 && !counter_live[borrowed + 1]);
  CHECK(call_u32(9, 0) == 1); /* borrow-ended: the borrowed object forgot its handle */

  uint32_t made = call_u32(10, 7); /* make-counter(7): the handle moves to the host */
  CHECK(made == borrowed + 2 && counter_live[made] && counter_value[made] == 7);
  CHECK(counter_drops == 1);

  uint32_t tally = call_u32(6, (uint32_t)-3); /* [constructor]tally(-3) */
  CHECK(tally != 0 && tally_rep[tally] != 0);
  CHECK(call_u32(11, 0) == 1); /* live-tallies */
  CHECK(call_u32(7, tally_rep[tally]) == (uint32_t)-3); /* total(), borrow passed as the rep */
  /* pass-tally(own) -> own: the handle the component received is the one it hands back, and no
   * second representation is made for the same object. */
  uint32_t passed = call_u32(12, tally);
  CHECK(passed == tally);
  CHECK(tally_count == tally + 1); /* no [resource-new] */
  CHECK(call_u32(11, 0) == 1);
  uint64_t drop_params[1] = {tally};
  componentize_call_import(5, (uint8_t *)drop_params, NULL);
  CHECK(call_u32(11, 0) == 0); /* the destructor released the app's object */

  /* Two own handles for one object (same-tally returns the latest tally again): the object lives
   * until the destructor of the second. */
  uint32_t first = call_u32(6, 7);
  uint32_t second = call_u32(13, 0);
  CHECK(second != first && tally_rep[second] == tally_rep[first]);
  CHECK(call_u32(11, 0) == 1);
  drop_params[0] = first;
  componentize_call_import(5, (uint8_t *)drop_params, NULL);
  CHECK(call_u32(11, 0) == 1);
  drop_params[0] = second;
  componentize_call_import(5, (uint8_t *)drop_params, NULL);
  CHECK(call_u32(11, 0) == 0);
  return failures;
}
