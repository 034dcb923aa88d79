// The modules run() imports were not imported at build time: they are embedded in the component
// and imported at run time, under jco with nothing preopened. The module that prints at import
// printed at run time, not into the build log; the optional import that names no module is a
// warning with file:line; the pre-initialize stage line reports what was embedded.
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File component = new File(basedir, 'target/lazy-imports-1.0.wasm')
Fixtures.assertComponent(component)
String log = Fixtures.buildLog(basedir)
assert log =~ /componentize: pre-initialize [0-9.]+ s \(embedded \d+ modules \(\d+ bytes\), 1 imports found nowhere/
assert log.contains('[WARNING] componentize: ' + new File(basedir, 'src/main/python/app.py').path
        + ':18: imports \'not_installed_anywhere\', which is in no source directory, wheel or the'
        + ' standard library (fine if the import is optional)')
assert !log.contains('noisy: imported')

Map run = Fixtures.runTool([node, jco, 'run', component.path], basedir)
assert run.exit == 0: "jco run: ${run}"
assert run.stdout == 'noisy: imported\n1/2\n{"lazy": true}\nimports that [...]\n' +
        'Ada <ada@example.org>\nxn--bcher-kva.example\nHello, Ada 1.0\ndone\n'
true
