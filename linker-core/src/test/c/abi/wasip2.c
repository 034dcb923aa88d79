/*
 * Calls a WASI 0.2 interface directly, as code built for wasm32-wasip2 does (the canonical ABI
 * lowering of output-stream.blocking-write-and-flush: handle, pointer, length, return area).
 */
__attribute__((import_module("wasi:io/streams@0.2.0"),
               import_name("[method]output-stream.blocking-write-and-flush")))
extern void blocking_write_and_flush(int stream, const char *data, unsigned long length,
                                     void *result);

void say(const char *text, unsigned long length) {
  char result[16];
  blocking_write_and_flush(1, text, length, result);
}
