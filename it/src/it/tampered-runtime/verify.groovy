// The damaged library is named with both hashes, before any stage that would load it.
import groovy.json.JsonSlurper
import java.security.MessageDigest

def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File bundle = new File(basedir, 'target/bundle')
File libpython = new File(bundle, 'lib/libpython3.13.so')
def manifest = new JsonSlurper().parse(new File(bundle, 'manifest.json'))
def entry = manifest.files.find { it.path == 'lib/libpython3.13.so' }
String actual = MessageDigest.getInstance('SHA-256').digest(libpython.bytes).encodeHex().toString()
assert actual != entry.sha256
Fixtures.assertLogContains(basedir,
        "${libpython.toPath().toAbsolutePath().normalize()}: does not match the runtime bundle's manifest.json: sha256 ${actual} (size ${entry.size}), expected ${entry.sha256} (size ${entry.size}); the file was damaged or changed after the bundle was built: delete the unpacked runtime (mvn clean) so it is unpacked again, or rebuild the bundle (runtime/build-runtime.sh and runtime/complete-bundle.sh)")
String log = Fixtures.buildLog(basedir)
assert log =~ /\[ERROR\] componentize: check runtime failed after [0-9.]+ s/
Fixtures.assertLogLacks(basedir, 'componentize: load WIT')
// No component and no temporary file (the bundle's own adapter aside).
List<String> left = []
new File(basedir, 'target').eachFileRecurse { f ->
    if (f.isFile() && !f.toPath().startsWith(bundle.toPath()) && (f.name.endsWith('.wasm') || f.name.endsWith('.tmp'))) {
        left << f.path
    }
}
assert left.isEmpty(): "the failed build left files behind: ${left}"
true
