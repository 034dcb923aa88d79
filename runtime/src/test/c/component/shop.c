/*
 * The second library of the linked custom-world test: the exports of shop.wit in the canonical
 * ABI (CanonicalABI.md, flattening), built on text.so's allocator and string builder. It imports
 * the host's decorate, which the component lowers with text.so's cabi_realloc.
 */
#include "text.h"

/* record item { name: string, price-cents: u32, tags: list<string> }: size 20, align 4. */
struct item {
  struct str name;
  uint32_t price_cents;
  const struct str *tags;
  size_t tag_count;
};

/* option<item>: discriminant byte, payload at the item's alignment (4). */
struct option_item {
  uint8_t is_some;
  struct item value;
};

_Static_assert(sizeof(struct item) == 20, "item layout");
_Static_assert(sizeof(struct option_item) == 24, "option<item> layout");

/* test:linked/host.decorate: (ptr, len, return area) -> (), the result string in the area. */
__attribute__((import_module("test:linked/host@0.1.0"), import_name("decorate"))) void
host_decorate(const char *ptr, size_t len, struct str *result);

static struct str string_result;
static struct option_item option_result;

/* Results that do not fit one flat value are returned through a pointer to static memory. */
static struct str *return_string(struct buf *b) {
  string_result = buf_str(b);
  return &string_result;
}

static void cents(struct buf *b, uint32_t value) {
  buf_u32(b, value / 100);
  buf_cstr(b, ".");
  if (value % 100 < 10) {
    buf_cstr(b, "0");
  }
  buf_u32(b, value % 100);
}

/* describe: func(it: item) -> string; the record arrives flattened into five values. */
__attribute__((export_name("test:linked/shop@0.1.0#describe"))) struct str *
describe(const char *name, size_t name_len, uint32_t price_cents, const struct str *tags,
         size_t tag_count) {
  struct buf b = {0};
  buf_bytes(&b, name, name_len);
  buf_cstr(&b, ": ");
  cents(&b, price_cents);
  buf_cstr(&b, " [");
  for (size_t i = 0; i < tag_count; i++) {
    if (i > 0) {
      buf_cstr(&b, ", ");
    }
    buf_bytes(&b, tags[i].ptr, tags[i].len);
  }
  buf_cstr(&b, "]");
  return return_string(&b);
}

/* total: func(items: list<item>) -> u64. */
__attribute__((export_name("test:linked/shop@0.1.0#total"))) uint64_t total(
    const struct item *items, size_t count) {
  uint64_t sum = 0;
  for (size_t i = 0; i < count; i++) {
    sum += items[i].price_cents;
  }
  return sum;
}

/* cheapest: func(items: list<item>) -> option<item>; none for an empty list, first on ties. */
__attribute__((export_name("test:linked/shop@0.1.0#cheapest"))) struct option_item *cheapest(
    const struct item *items, size_t count) {
  option_result.is_some = count > 0;
  for (size_t i = 0; i < count; i++) {
    if (i == 0 || items[i].price_cents < option_result.value.price_cents) {
      option_result.value = items[i];
    }
  }
  return &option_result;
}

/* greet: func(name: string) -> string: the host decorates "Hello, <name>", we add "!". */
__attribute__((export_name("greet"))) struct str *greet(const char *name, size_t len) {
  struct buf b = {0};
  buf_cstr(&b, "Hello, ");
  buf_bytes(&b, name, len);
  struct str decorated;
  host_decorate(b.ptr, b.len, &decorated);
  struct buf out = {0};
  buf_bytes(&out, decorated.ptr, decorated.len);
  buf_cstr(&out, "!");
  return return_string(&out);
}
