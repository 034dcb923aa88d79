// A package index on 127.0.0.1 for this build: real wheels made with Fixtures.wheel, served by
// the JDK's HTTP server as the simple API's JSON form (PEP 691). Its URL reaches the invoked build
// through .mvn/maven.config (-Dcomponentize.indexUrl=...). The server is bounded (it stops itself
// after 20 minutes or 200 requests) and verify.groovy stops it before the offline rebuild.
import com.sun.net.httpserver.HttpServer

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

Map<String, List<File>> projects = wheels.groupBy { it.name.split('-')[0].replace('_', '-') }

HttpServer server = Fixtures.serveIndex(projects, 200, 20)
System.properties.put('componentize.it.packages-from-index.server', server)

String url = "http://127.0.0.1:${server.address.port}/simple/"
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-Dcomponentize.indexUrl=${url}\n"
true
