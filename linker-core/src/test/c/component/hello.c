// A wasi:cli/command component's core module that talks WASI 0.2 directly through the canonical
// ABI (no libc, no preview1 adapter): it gets the stdout stream, writes a line with
// blocking-write-and-flush and drops the stream. Built by build.sh into hello.wasm.

typedef unsigned char u8;
typedef unsigned int u32;

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

// get-stdout: func() -> output-stream (an own handle, one i32).
IMPORT("wasi:cli/stdout@0.2.12", "get-stdout") u32 get_stdout(void);

// blocking-write-and-flush: func(self: borrow<output-stream>, contents: list<u8>)
//   -> result<_, stream-error>; the result flattens to three values (discriminant, then the
//   joined payload of stream-error), more than one, so the host writes it to a return pointer.
IMPORT("wasi:io/streams@0.2.12", "[method]output-stream.blocking-write-and-flush")
void blocking_write_and_flush(u32 self, const u8 *ptr, u32 len, u32 *ret);

IMPORT("wasi:io/streams@0.2.12", "[resource-drop]output-stream") void drop_output_stream(u32 h);

static const char message[] = "Hello from a component built by componentize-maven!\n";

// run: func() -> result: flat i32, 0 = ok.
EXPORT("wasi:cli/run@0.2.12#run") u32 run(void) {
  u32 result[3];
  u32 out = get_stdout();
  blocking_write_and_flush(out, (const u8 *)message, sizeof message - 1, result);
  drop_output_stream(out);
  return (u8)result[0];  // the discriminant byte: 0 ok, 1 error
}
