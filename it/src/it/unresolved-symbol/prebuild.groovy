// fixtures/fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl: src/main/c/native.c (which calls a
// function nothing defines) compiled with the runtime bundle's SDK; it passes the toolchain check.
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

byte[] module = Fixtures.extensionModule(new File(runtimeSdk), new File(basedir, 'fixtures/cc'), new File(basedir, 'src/main/c/native.c'))
Fixtures.wheel(
        file: new File(basedir, 'fixtures/fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl'),
        name: 'fastmath',
        tag: Fixtures.WASI_TAG,
        files: ['fastmath/__init__.py'                       : 'from ._native import square\n',
                'fastmath/_native.cpython-313-wasm32-wasi.so': module])
true
