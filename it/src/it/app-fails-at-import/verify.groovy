// An app raising at import fails in pre-initialization. The console shows, in order and before the
// error, the line of every stage that finished, the pre-initialization phases as they ended, and
// which stage failed after how long; then the message with the traceback.
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

String log = Fixtures.buildLog(basedir)
List<String> expected = [
        /\[INFO\] componentize: check runtime [0-9.]+ s \(CPython 3\.13\.\d+, \d+ files match the manifest, (none changed since verified|\d+ hashed)/,
        /\[INFO\] componentize: load WIT [0-9.]+ s \(it:app-fails-at-import\/cli@1\.0\.0\)/,
        /\[INFO\] componentize: generate bindings [0-9.]+ s \(\d+ Python files, libworld\.so\)/,
        /\[INFO\] componentize: unpack wheels [0-9.]+ s \(0 wheels, 0 extension modules\)/,
        /\[INFO\] componentize: toolchain check [0-9.]+ s \(policy STRICT, 0 warnings\)/,
        /\[INFO\] componentize: link [0-9.]+ s \(\d+ libraries\)/,
        /\[INFO\] componentize: pre-initialize: parse [0-9.]+ s/,
        /\[INFO\] componentize: pre-initialize: start CPython [0-9.]+ s/,
        /\[ERROR\] componentize: pre-initialize failed after [0-9.]+ s/,
        /initializing the app module 'app' failed at build time: /,
]
int from = 0
for (String pattern : expected) {
    def matcher = (log =~ pattern)
    boolean found = false
    while (matcher.find()) {
        if (matcher.start() >= from) {
            from = matcher.end()
            found = true
            break
        }
    }
    assert found: "build.log lacks, after what came before: ${pattern}\n---\n${log.readLines().findAll { it.contains('componentize') }.join('\n')}"
}
// The traceback names the line and the error.
assert log.contains("KeyError: 'farewell'")
Fixtures.assertLogLacks(basedir, 'componentize: encode component')
Fixtures.assertNothingWritten(basedir)
true
