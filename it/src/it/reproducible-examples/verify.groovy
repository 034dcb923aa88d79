// Issue 7's reproducibility check: two clean builds of each example, as on two machines (separate
// copies of the sources, separate work directories, separate snapshot caches, so nothing from the
// first build is reused), give byte-identical components.
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File examples = new File(itSupport, '../../../examples').canonicalFile
File mvn = new File(mavenHome, 'bin/mvn')
List<String> names = examples.listFiles().findAll { new File(it, 'pom.xml').isFile() }*.name.sort()
assert names.containsAll(['custom-world', 'hello-cli', 'native-extension']): "examples found: ${names}"

def copyExample = { File from, File to ->
  java.nio.file.Path source = from.toPath()
  java.nio.file.Files.walk(source).withCloseable { paths ->
    paths.filter { p -> !source.relativize(p).toString().split('/').contains('target') }.each { p ->
      java.nio.file.Path target = to.toPath().resolve(source.relativize(p).toString())
      if (java.nio.file.Files.isDirectory(p)) {
        java.nio.file.Files.createDirectories(target)
      } else {
        java.nio.file.Files.copy(p, target)
      }
    }
  }
}

names.each { String name ->
  Map<String, byte[]> built = [:]
  ['a', 'b'].each { String round ->
    File copy = new File(basedir, "target/${round}/${name}")
    copyExample(new File(examples, name), copy)
    Fixtures.run([mvn.path, '-B', '-q', "-Dmaven.repo.local=${localRepositoryPath}".toString(),
                  "-Dcomponentize.cacheDirectory=${new File(basedir, "target/cache-${round}").path}".toString(),
                  'package'], copy, 900)
    List<File> components = []
    // The component is the only .wasm directly in a target/ directory (the unpacked runtime's
    // adapter lies deeper, under target/componentize/).
    copy.eachFileRecurse { File f -> if (f.name.endsWith('.wasm') && f.parentFile.name == 'target') components << f }
    assert components.size() == 1: "${name} (${round}): expected one component, found ${components}"
    Fixtures.assertComponent(components[0])
    built[round] = components[0].bytes
  }
  assert built.a == built.b: "${name}: two clean builds differ (${built.a.length} vs ${built.b.length} bytes)"
  println "reproducible-examples: ${name}: two clean builds, ${built.a.length} bytes, identical"
}
true
