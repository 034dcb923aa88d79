// A package index on 127.0.0.1 for this build: real wheels made with Fixtures.wheel, served by
// the JDK's HTTP server as the simple API's JSON form (PEP 691). Its URL reaches the invoked build
// through .mvn/maven.config (-Dcomponentize.indexUrl=...). The server is bounded (it stops itself
// after 20 minutes or 200 requests) and verify.groovy stops it before the offline rebuild.
import com.sun.net.httpserver.HttpServer
import java.security.MessageDigest

def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File dir = new File(basedir, 'fixtures/index')
List<File> wheels = [
    Fixtures.wheel(file: new File(dir, 'greeter_lib-1.0-py3-none-any.whl'), name: 'greeter_lib', version: '1.0',
            tag: 'py3-none-any', requires: ['word-case>=1.5', "never-on-wasi; sys_platform == 'win32'"],
            files: ['greeter_lib/__init__.py': 'from word_case import title\n\n\ndef greet(name):\n    return "Hello, " + title(name) + "!"\n']),
    Fixtures.wheel(file: new File(dir, 'word_case-1.0-py3-none-any.whl'), name: 'word_case', version: '1.0',
            tag: 'py3-none-any', files: ['word_case/__init__.py': 'def title(s):\n    return s\n']),
    Fixtures.wheel(file: new File(dir, 'word_case-2.1-py3-none-any.whl'), name: 'word_case', version: '2.1',
            tag: 'py3-none-any', requires: ["fancy-marks; extra == 'fancy'"],
            files: ['word_case/__init__.py': 'from fancy_marks import mark\n\n\ndef title(s):\n    return mark(s.title())\n']),
    Fixtures.wheel(file: new File(dir, 'word_case-3.0b1-py3-none-any.whl'), name: 'word_case', version: '3.0b1',
            tag: 'py3-none-any', files: ['word_case/__init__.py': 'raise ImportError("a pre-release was installed")\n']),
    Fixtures.wheel(file: new File(dir, 'fancy_marks-1.0-py3-none-any.whl'), name: 'fancy_marks', version: '1.0',
            tag: 'py3-none-any', files: ['fancy_marks/__init__.py': 'def mark(s):\n    return "*" + s + "*"\n']),
]

String sha256(File f) { MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
Map<String, List<File>> projects = wheels.groupBy { it.name.split('-')[0].replace('_', '-') }

HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 8)
int served = 0
server.createContext('/') { exchange ->
    exchange.withCloseable {
        String path = exchange.requestURI.path
        byte[] body = null
        String type = 'application/octet-stream'
        if (++served <= 200 && path.startsWith('/simple/')) {
            List<File> files = projects[path.substring('/simple/'.length()).replace('/', '')]
            if (files != null) {
                type = 'application/vnd.pypi.simple.v1+json'
                body = groovy.json.JsonOutput.toJson([meta : ['api-version': '1.1'],
                                                      files: files.collect {
                                                          [filename: it.name, url: "../../files/${it.name}".toString(),
                                                           hashes  : [sha256: sha256(it)], size: it.length()]
                                                      }]).bytes
            }
        } else if (served <= 200 && path.startsWith('/files/')) {
            File f = wheels.find { it.name == path.substring('/files/'.length()) }
            body = f?.bytes
        }
        exchange.responseHeaders.set('Content-Type', type)
        exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length)
        if (body != null) {
            exchange.responseBody.write(body)
        }
    }
}
server.start()
Thread stopper = new Thread({ Thread.sleep(20 * 60 * 1000L); server.stop(0) } as Runnable)
stopper.daemon = true
stopper.start()
System.properties.put('componentize.it.packages-from-index.server', server)

String url = "http://127.0.0.1:${server.address.port}/simple/"
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-Dcomponentize.indexUrl=${url}\n"
true
