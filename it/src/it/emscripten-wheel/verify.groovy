def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

// The wheel is named as the local repository stores it: {artifactId}-{version}-{classifier}.whl.
Fixtures.assertLogContains(basedir,
        "fastmath-1.0-cp313-cp313-emscripten_3_1_58_wasm32.whl: built for Emscripten (Pyodide) (platform emscripten_3_1_58_wasm32): Emscripten side modules use Emscripten's own C ABI and libc and import their system calls from JavaScript glue code (env.__syscall_*, env.emscripten_*, env.invoke_*), none of which exists in a WASI component. To use it: rebuild its extension modules with the runtime bundle's SDK (its compiler driver <bundle>/sdk/bin/wasm32-wasi-clang, linked with -shared) and tag the wheel cp313-cp313-wasi_0_0_0_wasm32, or use a pure-Python (py3-none-any) wheel of the same project if it has one")
Fixtures.assertNothingWritten(basedir)
true
