// target/bundle: the runtime bundle the build uses, every file a link to the real one except
// lib/libpython3.13.so, a copy with 16 bytes changed in the middle (its data section).
import java.nio.file.Files
import java.nio.file.Path

Path built = new File(runtimeSdk).toPath().parent.toRealPath()
Path bundle = new File(basedir, 'target/bundle').toPath()
Files.walk(built).withCloseable { paths ->
    paths.filter { Files.isRegularFile(it) }.each { file ->
        String relative = built.relativize(file).toString()
        if (relative.startsWith('bin/')) {
            return
        }
        Path copy = bundle.resolve(relative)
        Files.createDirectories(copy.parent)
        if (relative == 'lib/libpython3.13.so') {
            byte[] bytes = Files.readAllBytes(file)
            int middle = bytes.length.intdiv(2)
            for (int i = 0; i < 16; i++) {
                bytes[middle + i] = (byte) (bytes[middle + i] ^ 0x5a)
            }
            Files.write(copy, bytes)
        } else {
            Files.createSymbolicLink(copy, file)
        }
    }
}
true
