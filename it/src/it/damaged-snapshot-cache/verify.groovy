// invoker.properties builds, damages the snapshot cache entry (damage.sh) and builds again.
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File clean = new File(basedir, 'target/clean.wasm')
File rebuilt = new File(basedir, 'target/rebuilt.wasm')
Fixtures.assertComponent(clean)
Fixtures.assertComponent(rebuilt)
String log = Fixtures.buildLog(basedir)
def damaged = log =~ /\[WARNING\] componentize: snapshot cache entry (\S+\.snapshot) is damaged \(sha256 [0-9a-f]{64}, expected [0-9a-f]{64}\); discarded, pre-initializing again/
assert damaged.find(): "no warning about the damaged snapshot entry in build.log"
File entry = new File(damaged.group(1))
assert entry.canonicalPath.startsWith(new File(basedir, 'target/cache').canonicalPath)
assert log.findAll(/snapshot cache entry .* is damaged/).size() == 1
// The second build ran pre-initialization again (no reuse) and stored an intact entry again.
assert log.findAll(/reused from \S*cache/).isEmpty()
assert entry.isFile(): "the entry was stored again"
assert clean.bytes == rebuilt.bytes: "clean.wasm (${clean.length()} bytes) and rebuilt.wasm (${rebuilt.length()} bytes) differ"
true
