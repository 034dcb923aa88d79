// A package index on 127.0.0.1 for this build: flitgreet 1.0 only as a source distribution
// (a gzipped ustar archive written here, with a build id that makes its sha256 new on every run,
// so the build really runs the backend), and the real flit_core wheel its build requires, which
// scripts/install-test-tools.sh fetched into the cache's tools/python-wheels. Served as the simple
// API's JSON form (PEP 691); bounded (stops itself after 30 minutes or 200 requests), stopped by
// verify.groovy. Its URL reaches the build through .mvn/maven.config.
import com.sun.net.httpserver.HttpServer
import java.nio.charset.StandardCharsets
import java.util.zip.GZIPOutputStream

def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

String cacheRoot = System.getenv('COMPONENTIZE_CACHE') ?: "${System.getProperty('user.home')}/.cache/componentize-maven"
File flit = new File(cacheRoot, 'tools/python-wheels/flit_core-3.10.1-py3-none-any.whl')
assert flit.isFile(): "${flit} is missing: run scripts/install-test-tools.sh"

byte[] header(String name, int size) {
    byte[] h = new byte[512]
    def put = { int at, String s -> byte[] b = s.getBytes(StandardCharsets.US_ASCII); System.arraycopy(b, 0, h, at, b.length) }
    put(0, name); put(100, '0000644'); put(108, '0000000'); put(116, '0000000')
    put(124, String.format('%011o', size)); put(136, '00000000000'); h[156] = (byte) '0'
    put(257, 'ustar'); put(263, '00')
    (148..155).each { h[it] = (byte) ' ' }
    long sum = 0
    h.each { sum += (it & 0xff) }
    put(148, String.format('%06o', sum) + '\0')
    return h
}

Map<String, String> files = [
        'pyproject.toml'      : '[build-system]\nrequires = ["flit_core>=3.2,<4"]\nbuild-backend = "flit_core.buildapi"\n\n' +
                '[project]\nname = "flitgreet"\nversion = "1.0"\ndescription = "Greets, from an sdist"\n',
        'flitgreet/__init__.py': 'def greet(name):\n    return "Hello from an sdist, " + name + "!"\n',
        'flitgreet/_build_id.txt': UUID.randomUUID().toString() + '\n',
]
File dir = new File(basedir, 'fixtures/index')
dir.mkdirs()
File sdist = new File(dir, 'flitgreet-1.0.tar.gz')
sdist.withOutputStream { raw ->
    GZIPOutputStream gz = new GZIPOutputStream(raw)
    files.each { path, text ->
        byte[] data = text.getBytes(StandardCharsets.UTF_8)
        gz.write(header("flitgreet-1.0/${path}", data.length))
        gz.write(data)
        gz.write(new byte[(512 - data.length % 512) % 512])
    }
    gz.write(new byte[1024])
    gz.finish()
}

Map<String, List<File>> projects = ['flitgreet': [sdist], 'flit-core': [flit]]

HttpServer server = Fixtures.serveIndex(projects, 200, 30)
System.properties.put('componentize.it.packages-from-sdist.server', server)

new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-Dcomponentize.indexUrl=http://127.0.0.1:${server.address.port}/simple/\n"
true
