// Test fixture standing in for libcomponentize.so next to a generated libworld.so: it records
// what libworld.so hands to the glue and lets the test drive componentize_call_import with
// parameter slots it wrote. Not product code: the real glue is runtime/src/main/c/glue/.
// Freestanding: no sysroot is needed, only clang's own headers.
#include <stdint.h>

extern void componentize_call_import(uint32_t index, uint8_t *params, uint8_t *results);
extern const uint8_t componentize_world[];

#define RECORDED 256

static uint8_t export_params[RECORDED];
static uint32_t export_index = 0xffffffffu;
static uint64_t export_result;
static uint8_t post_results[8];
static uint32_t post_index = 0xffffffffu;
static uint32_t dropped_type = 0xffffffffu;
static uint32_t dropped_rep = 0xffffffffu;
static _Alignas(16) uint8_t import_params[RECORDED];
static _Alignas(16) uint8_t import_results[64];

void componentize_call_export(uint32_t index, uint8_t *params, uint8_t *results) {
  export_index = index;
  for (int i = 0; i < RECORDED; i++) {
    export_params[i] = params[i];
  }
  *(uint64_t *)results = export_result;
}

void componentize_post_return(uint32_t index, uint8_t *results) {
  post_index = index;
  for (int i = 0; i < 8; i++) {
    post_results[i] = results[i];
  }
}

void componentize_drop_rep(uint32_t type_index, uint32_t rep) {
  dropped_type = type_index;
  dropped_rep = rep;
}

// ---- what the test reads and drives ----

uint32_t recorded_export_index(void) { return export_index; }
uint8_t *recorded_export_params(void) { return export_params; }
void set_export_result(uint64_t slot) { export_result = slot; }
uint32_t recorded_post_index(void) { return post_index; }
uint8_t *recorded_post_results(void) { return post_results; }
uint32_t recorded_dropped_type(void) { return dropped_type; }
uint32_t recorded_dropped_rep(void) { return dropped_rep; }
uint8_t *import_params_area(void) { return import_params; }
uint8_t *import_results_area(void) { return import_results; }
const uint8_t *world_address(void) { return componentize_world; }

void call_import(uint32_t index) {
  componentize_call_import(index, import_params, import_results);
}
