/*
 * TEST TOOL: prints the glue's reading of a descriptor blob (descriptor.c, compiled natively), so
 * that DescriptorCrossCheckTest can compare it with linker-core's canonical ABI rules.
 *
 *   describe_blob BLOB_FILE
 *
 * One line per function: `export|import INDEX NAME FLAT_PARAMS FLAT_RESULTS`, then for each
 * parameter and the result (if any) `SIZE/ALIGN/FLAT` of its type. Exit 1 with the parser's
 * message on a malformed blob.
 */
#include <stdio.h>
#include <stdlib.h>

#include "descriptor.h"

static void print_function(const char *what, uint32_t index, const cz_world *w, const cz_function *f) {
  printf("%s %u %s %u %u", what, index, f->name, f->flat_params, f->flat_results);
  for (uint32_t i = 0; i < f->param_count; i++) {
    const cz_type *t = &w->types[f->params[i]];
    printf(" %u/%u/%u", t->size, t->align, t->flat_count);
  }
  if (f->result != CZ_NONE) {
    const cz_type *t = &w->types[f->result];
    printf(" -> %u/%u/%u", t->size, t->align, t->flat_count);
  }
  printf("\n");
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: describe_blob BLOB_FILE\n");
    return 2;
  }
  FILE *file = fopen(argv[1], "rb");
  if (file == NULL) {
    perror(argv[1]);
    return 2;
  }
  static uint8_t blob[1 << 20] __attribute__((aligned(8)));
  size_t size = fread(blob, 1, sizeof blob, file);
  fclose(file);
  if (size == sizeof blob) {
    fprintf(stderr, "%s: larger than %zu bytes\n", argv[1], sizeof blob);
    return 2;
  }
  cz_world w;
  char error[256];
  if (!cz_world_parse(blob, &w, error, sizeof error)) {
    fprintf(stderr, "%s\n", error);
    return 1;
  }
  printf("app %s types %u\n", w.app_module, w.type_count);
  for (uint32_t i = 0; i < w.export_count; i++) print_function("export", i, &w, &w.exports[i]);
  for (uint32_t i = 0; i < w.import_count; i++) print_function("import", i, &w, &w.imports[i]);
  return 0;
}
