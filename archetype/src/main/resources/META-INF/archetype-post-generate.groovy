// Runs after the files are generated: the `template` property picks the kind of project.
//   command (default)  a wasi:cli/command program with a custom export (the files as they are)
//   http               an HTTP service (wasi:http/proxy, a WSGI app): the files of http-template
// http-template is removed either way.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

Path project = Path.of(request.outputDirectory, request.artifactId)
Path http = project.resolve('http-template')
String template = request.properties.getProperty('template', 'command')
if (template == 'http') {
  Files.move(http.resolve('world.wit'), project.resolve('src/main/wit/world.wit'), StandardCopyOption.REPLACE_EXISTING)
  Files.move(http.resolve('app.py'), project.resolve('src/main/python/app.py'), StandardCopyOption.REPLACE_EXISTING)
  Files.move(http.resolve('README.md'), project.resolve('README.md'), StandardCopyOption.REPLACE_EXISTING)
} else if (template != 'command') {
  throw new IllegalArgumentException("template '${template}' is not one of: command, http")
}
http.toFile().deleteDir()
