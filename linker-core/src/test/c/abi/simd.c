/* Adds four floats at once: compiled with -msimd128, it records +simd128. */
typedef float f32x4 __attribute__((vector_size(16)));

void add4(f32x4 *out, const f32x4 *a, const f32x4 *b) { *out = *a + *b; }
