// Core module for resources.wit, written against the canonical ABI by hand (no libc). Handles of
// the imported resource `blob` are i32 indices into this instance's handle table.
// Built by build.sh into ../../resources/component/resources.wasm.

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

#define EXPORT(name) __attribute__((export_name(name)))
#define STORE(name) __attribute__((import_module("test:res/store@0.1.0"), import_name(name)))
#define UTIL "test:res/util@0.1.0"

void *memcpy(void *dst, const void *src, unsigned long n) {
  u8 *d = dst;
  const u8 *s = src;
  while (n--) *d++ = *s++;
  return dst;
}

static u8 heap[1 << 16];
static u32 heap_top;

EXPORT("cabi_realloc")
void *cabi_realloc(void *old, u32 old_size, u32 align, u32 new_size) {
  u32 start = (heap_top + align - 1) & ~(align - 1);
  heap_top = start + new_size;
  void *p = &heap[start];
  if (old) memcpy(p, old, old_size < new_size ? old_size : new_size);
  return p;
}

static u32 ret_area[4] __attribute__((aligned(8)));

STORE("[constructor]blob") u32 blob_new(const u8 *data, u32 len);  // list<u8> -> own<blob>
STORE("[method]blob.size") u32 blob_size(u32 self);
STORE("[method]blob.read") void blob_read(u32 self, u32 *ret);      // list<u8> written at ret
STORE("[static]blob.merge") u32 blob_merge(u32 a, u32 b);
STORE("[resource-drop]blob") void blob_drop(u32 handle);
STORE("total") void store_total(u32 *ret);                           // record {u32, u64} at ret

EXPORT(UTIL "#measure") u32 measure(u32 b) { return blob_size(b); }

EXPORT(UTIL "#wrap") u32 wrap(const u8 *data, u32 len) { return blob_new(data, len); }

EXPORT(UTIL "#twice") u32 twice(u32 b) { return blob_merge(b, b); }

// stats { count: u32 @0, bytes: u64 @8 }: two flat values, so it is returned through memory.
EXPORT(UTIL "#summary") u32 *summary(void) {
  store_total(ret_area);
  return ret_area;
}

// An owned handle arrives: we must drop it when done.
EXPORT(UTIL "#consume") u32 consume(u32 b) {
  u32 n = blob_size(b);
  blob_drop(b);
  return n;
}

// option<u8>: discriminant byte at 0, the u8 at 1.
EXPORT(UTIL "#first-byte") u8 *first_byte(u32 b) {
  u32 list[2];
  blob_read(b, list);
  u8 *out = (u8 *)ret_area;
  out[0] = list[1] > 0;
  out[1] = list[1] > 0 ? ((const u8 *)list[0])[0] : 0;
  return out;
}
