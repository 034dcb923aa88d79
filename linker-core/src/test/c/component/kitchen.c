// A core module written directly against the canonical ABI (no libc, no bindings generator), so
// that the component encoder's test depends on nothing but clang. Each export's core signature is
// the flattening of its WIT type in kitchen.wit (CanonicalABI.md, "Flattening"); comments give it.
// Built by build.sh into ../../resources/component/kitchen.wasm.

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef int s32;
typedef long long s64;
typedef unsigned long long u64;

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))
#define API "test:kitchen/api@0.1.0"
#define HOST "test:kitchen/host@0.1.0"

// clang lowers struct copies to these; with no libc we provide them.
void *memcpy(void *dst, const void *src, unsigned long n) {
  u8 *d = dst;
  const u8 *s = src;
  while (n--) *d++ = *s++;
  return dst;
}
void *memset(void *dst, int c, unsigned long n) {
  u8 *d = dst;
  while (n--) *d++ = (u8)c;
  return dst;
}

// A bump allocator: enough for a test, and the canonical ABI only needs realloc semantics.
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

static u8 *alloc(u32 size) { return cabi_realloc(0, 0, 4, size); }

static u32 cat(u8 *out, const char *s) {
  u32 n = 0;
  while (s[n]) { out[n] = (u8)s[n]; n++; }
  return n;
}

static u32 utoa(u8 *out, u64 v) {
  u8 tmp[20];
  u32 n = 0;
  do { tmp[n++] = (u8)('0' + v % 10); v /= 10; } while (v);
  for (u32 i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
  return n;
}

// Results that do not fit one flat value are written here and returned by address.
static u32 ret_area[8];

// ---- imports -----------------------------------------------------------------------------------
IMPORT(HOST, "log") void host_log(const u8 *ptr, u32 len);  // (i32 i32) -> ()
IMPORT(HOST, "random") u32 host_random(void);              // () -> i32
IMPORT(HOST, "name") void host_name(u32 *ret);              // (retptr) -> (): string at ret
IMPORT("$root", "now") u64 now(void);                       // () -> i64
IMPORT("[export]" API, "[resource-new]counter") u32 counter_new(u32 rep);

// ---- world-level export ------------------------------------------------------------------------
EXPORT("version") u32 version(void) { return 7; }

// ---- interface api -----------------------------------------------------------------------------
EXPORT(API "#add") u32 add(u32 a, u32 b) { return a + b; }
EXPORT(API "#negate") s64 negate(s64 x) { return -x; }
EXPORT(API "#scale") double scale(double x, float k) { return x * k; }
EXPORT(API "#invert") u32 invert(u32 b) { return !b; }
EXPORT(API "#next-char") u32 next_char(u32 c) { return c + 1; }
// s8/u8/s16/u16 arrive as i32, already sign- or zero-extended by the host.
EXPORT(API "#mix-small") s32 mix_small(s32 a, s32 b, s32 c, s32 d) { return a + b + c + d; }

EXPORT(API "#greet") u32 *greet(const u8 *name, u32 len) {  // (ptr len) -> ptr to (ptr len)
  u8 *out = alloc(len + 8);
  u32 n = cat(out, "Hello, ");
  memcpy(out + n, name, len);
  n += len;
  out[n++] = '!';
  ret_area[0] = (u32)out;
  ret_area[1] = n;
  return ret_area;
}

EXPORT("cabi_post_" API "#greet") void greet_post(u32 *ret) { (void)ret; }

EXPORT(API "#sum") u64 sum(const u32 *xs, u32 len) {
  u64 total = 0;
  for (u32 i = 0; i < len; i++) total += xs[i];
  return total;
}

// list<string>: (ptr len), each element a (ptr len) pair of 8 bytes.
EXPORT(API "#reverse-words") u32 *reverse_words(const u32 *words, u32 len) {
  u32 *out = (u32 *)alloc(len * 8);
  for (u32 i = 0; i < len; i++) {
    out[2 * i] = words[2 * (len - 1 - i)];
    out[2 * i + 1] = words[2 * (len - 1 - i) + 1];
  }
  ret_area[0] = (u32)out;
  ret_area[1] = len;
  return ret_area;
}

// record point {x, y} flattens to two i32; the result (two flat values) goes through memory.
EXPORT(API "#translate") s32 *translate(s32 x, s32 y, s32 dx) {
  s32 *out = (s32 *)ret_area;
  out[0] = x + dx;
  out[1] = y;
  return out;
}

// tuple<u32, string> -> tuple<string, u32>: string at offset 0, u32 at offset 8.
EXPORT(API "#swap") u32 *swap(u32 n, u32 ptr, u32 len) {
  ret_area[0] = ptr;
  ret_area[1] = len;
  ret_area[2] = n;
  return ret_area;
}

// variant shape { circle(u32), rect(point), none }: discriminant then the joined payload
// (i32 i32) -> three i32 parameters.
EXPORT(API "#area") u32 area(u32 tag, u32 a, u32 b) {
  switch (tag) {
    case 0: return 3 * a * a;  // circle: "pi" = 3
    case 1: return a * b;      // rect
    default: return 0;         // none
  }
}

// shape in memory: u8 discriminant at 0, payload at 4 (alignment of point), size 12.
EXPORT(API "#make-shape") u8 *make_shape(u32 kind) {
  u8 *out = (u8 *)ret_area;
  out[0] = (u8)(kind % 3);
  ret_area[1] = 2;
  ret_area[2] = 5;
  return out;
}

EXPORT(API "#next-color") u32 next_color(u32 c) { return (c + 1) % 3; }
EXPORT(API "#toggle") u32 toggle(u32 p) { return p ^ 0x7; }

// option<u32>: u8 discriminant at 0, u32 at 4.
EXPORT(API "#find") u8 *find(const u32 *xs, u32 len, u32 x) {
  u8 *out = (u8 *)ret_area;
  out[0] = 0;
  for (u32 i = 0; i < len; i++) {
    if (xs[i] == x) {
      out[0] = 1;
      ret_area[1] = i;
      break;
    }
  }
  return out;
}

// result<u32, string>: u8 discriminant at 0, payload at 4 (u32, or string ptr+len).
EXPORT(API "#divide") u8 *divide(u32 a, u32 b) {
  u8 *out = (u8 *)ret_area;
  if (b == 0) {
    u8 *msg = alloc(16);
    out[0] = 1;
    ret_area[1] = (u32)msg;
    ret_area[2] = cat(msg, "divide by zero");
  } else {
    out[0] = 0;
    ret_area[1] = a / b;
  }
  return out;
}

// 17 u32 parameters exceed MAX_FLAT_PARAMS (16): one pointer to a tuple the host wrote into our
// memory with cabi_realloc.
EXPORT(API "#many") u32 many(const u32 *args) {
  u32 total = 0;
  for (u32 i = 0; i < 17; i++) total += args[i] * (i + 1);
  return total;
}

EXPORT(API "#call-host") u32 *call_host(void) {
  u32 name[2];
  host_name(name);
  const u8 *msg = (const u8 *)"called from wasm";
  host_log(msg, 16);
  u8 *out = alloc(name[1] + 48);
  u32 n = 0;
  memcpy(out, (const u8 *)name[0], name[1]);
  n += name[1];
  out[n++] = ':';
  n += utoa(out + n, host_random());
  out[n++] = ':';
  n += utoa(out + n, now());
  ret_area[0] = (u32)out;
  ret_area[1] = n;
  return ret_area;
}

// ---- resource counter: the representation is a pointer to its state ----------------------------
static u32 dropped;

EXPORT(API "#[constructor]counter") u32 counter_ctor(u32 start) {
  u32 *state = (u32 *)alloc(4);
  *state = start;
  return counter_new((u32)state);
}

// borrow<counter> of a resource this component defines arrives as its representation.
EXPORT(API "#[method]counter.inc") u32 counter_inc(u32 *state) { return ++*state; }

EXPORT(API "#[static]counter.zero") u32 counter_zero(void) { return counter_ctor(0); }

EXPORT(API "#[dtor]counter") void counter_dtor(u32 *state) {
  (void)state;
  dropped++;
}

// How many counters the host has dropped: proves the destructor runs through the shim table.
EXPORT(API "#drops") u32 drops(void) { return dropped; }
