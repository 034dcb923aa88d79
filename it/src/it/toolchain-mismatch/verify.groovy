def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

String runtimeLibc = Fixtures.sdkLibcRevision(new File(runtimeSdk))
Fixtures.assertLogContains(basedir, """1 native library problem (toolchain check, policy STRICT):
  - fastmath/_native.cpython-313-wasm32-wasi.so (from fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl): built with componentize-wasi 1 against wasi-libc 574b88d, but the runtime uses wasi-libc ${runtimeLibc}: struct layouts and errno values differ; rebuild it with the runtime bundle's SDK: its compiler driver <bundle>/sdk/bin/wasm32-wasi-clang runs clang-19 with the runtime's target, sysroot, CPython 3.13 headers and -fPIC, records the toolchain in every object, and links with -shared against the runtime's libc.so and libpython3.13.so [evidence: componentize.toolchain section]
(the check can be relaxed with the toolchain-check policy WARN, at your own risk)""")
Fixtures.assertNothingWritten(basedir)
true
