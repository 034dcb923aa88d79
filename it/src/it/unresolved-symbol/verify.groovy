def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

// The library is named by the path it is dlopen()ed from inside the component; the signature
// is the wasm one (C long is i32 on wasm32).
Fixtures.assertLogContains(basedir, """unresolved symbols (no library defines them):
  - /site-packages/fastmath/_native.cpython-313-wasm32-wasi.so needs fastmath_fast_square (i32) -> (i32)
link the library that defines them (add its wheel) or rebuild the library without them""")
Fixtures.assertNothingWritten(basedir)
true
