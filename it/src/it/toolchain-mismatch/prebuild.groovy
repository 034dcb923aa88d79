// fixtures/fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl: src/main/c/native.c compiled with the
// runtime bundle's SDK, then its componentize.toolchain section changed to name wasi-libc 574b88d
// (wasi-sdk 25's revision) instead of the runtime's.
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File sdk = new File(runtimeSdk)
byte[] module = Fixtures.extensionModule(sdk, new File(basedir, 'fixtures/cc'), new File(basedir, 'src/main/c/native.c'))
Fixtures.wheel(
        file: new File(basedir, 'fixtures/fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl'),
        name: 'fastmath',
        tag: Fixtures.WASI_TAG,
        files: ['fastmath/__init__.py'                       : 'from ._native import square\n',
                'fastmath/_native.cpython-313-wasm32-wasi.so': Fixtures.withWasiLibc(module, Fixtures.sdkLibcRevision(sdk), '574b88d')])
true
