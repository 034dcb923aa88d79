// Shared by the scenarios' prebuild.groovy and verify.groovy (loaded with GroovyClassLoader from
// the `itSupport` script variable, see it/pom.xml). Fixtures are made here, at build time, from
// sources in each scenario folder, instead of committing binaries: wheels are written with
// java.util.zip (PEP 427: WHEEL, METADATA, RECORD with sha256), extension modules are compiled
// with clang-19 against the runtime bundle's SDK, as docs/wheels.md tells users to.

import com.sun.net.httpserver.HttpServer
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.security.MessageDigest
import java.util.concurrent.TimeUnit
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

class Fixtures {
    /** The tag of a native wheel for the runtime (docs/wheels.md). */
    static final String WASI_TAG = 'cp313-cp313-wasi_0_0_0_wasm32'

    /**
     * Compiles {@code source} (C, a CPython extension module) with clang-19 against {@code sdk}
     * into a position-independent wasm library carrying the runtime's toolchain identity (the
     * bundle's {@code <wasi/toolchain-id.h>}, included by exactly one object), as a user building
     * a wasm32-wasi wheel does. Returns the library's bytes.
     */
    static byte[] extensionModule(File sdk, File workDir, File source) {
        requireSdk(sdk)
        workDir.mkdirs()
        File id = new File(workDir, 'toolchain-id.c')
        id.text = '#include <wasi/toolchain-id.h>\n'
        List<String> compile = ['clang-19', '--target=wasm32-wasi', "--sysroot=${new File(sdk, 'sysroot')}".toString(),
                                "-I${new File(sdk, 'include/python3.13')}".toString(), '-O2', '-fPIC',
                                '-fvisibility=default', '-c']
        run(compile + [id.path, '-o', 'toolchain-id.o'], workDir)
        run(compile + [source.absolutePath, '-o', 'module.o'], workDir)
        // --allow-undefined: CPython's and libc's symbols come from the runtime's libraries at
        // link time (dylink.0 imports); --strip-debug keeps dylink.0 and the toolchain section.
        run(['clang-19', '--target=wasm32-wasi', "--sysroot=${new File(sdk, 'sysroot')}".toString(), '-shared',
             '-nostdlib', '-Wl,--no-entry', '-Wl,--allow-undefined', '-Wl,--strip-debug', '-o', 'module.so',
             'module.o', 'toolchain-id.o'], workDir)
        return new File(workDir, 'module.so').bytes
    }

    /** The wasi-libc revision the SDK's {@code <wasi/version.h>} names (the runtime's). */
    static String sdkLibcRevision(File sdk) {
        def matcher = new File(sdk, 'sysroot/include/wasi/version.h').text =~ /#define __wasi_libc_revision__ "([^"]+)"/
        if (!matcher.find()) {
            throw new IllegalStateException("${sdk}/sysroot/include/wasi/version.h names no __wasi_libc_revision__")
        }
        return matcher.group(1)
    }

    /**
     * {@code library} with its componentize.toolchain section's {@code wasi-libc=} line changed
     * from {@code from} to {@code to}, as if it had been compiled against another wasi-libc
     * (docs/design/toolchain-identity.md). Both revisions have the same length, so the section's size and
     * every offset stay as they are.
     */
    static byte[] withWasiLibc(byte[] library, String from, String to) {
        if (from.length() != to.length()) {
            throw new IllegalArgumentException("revisions ${from} and ${to} differ in length")
        }
        String text = new String(library, StandardCharsets.ISO_8859_1)
        String line = "wasi-libc=${from}\n"
        int at = text.indexOf(line)
        if (at < 0 || text.indexOf(line, at + 1) >= 0) {
            throw new IllegalStateException("the library does not name '${line.trim()}' exactly once")
        }
        byte[] changed = library.clone()
        byte[] replacement = "wasi-libc=${to}\n".getBytes(StandardCharsets.ISO_8859_1)
        System.arraycopy(replacement, 0, changed, at, replacement.length)
        return changed
    }

    /**
     * Writes a wheel: {@code files} (path -> bytes or text) plus {@code <name>-<version>.dist-info}
     * METADATA, WHEEL (tagged {@code tag}) and a RECORD holding every file's sha256 and size.
     * {@code tamper} (path -> bytes) replaces files in the archive after RECORD was written, the way
     * an edit after the build or a corrupted download would. {@code requires} (PEP 508 strings)
     * become METADATA's Requires-Dist lines.
     */
    static File wheel(Map options) {
        File file = options.file as File
        String name = options.name
        String version = options.version ?: '1.0'
        String tag = options.tag
        Map<String, byte[]> files = [:]
        (options.files as Map).each { path, content -> files[path as String] = bytes(content) }
        Map<String, byte[]> tamper = [:]
        (options.tamper ?: [:]).each { path, content -> tamper[path as String] = bytes(content) }

        String distInfo = "${name}-${version}.dist-info"
        String requires = (options.requires ?: []).collect { "Requires-Dist: ${it}\n" }.join('')
        files["${distInfo}/METADATA".toString()] = bytes("Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n${requires}")
        files["${distInfo}/WHEEL".toString()] = bytes(
                "Wheel-Version: 1.0\nGenerator: componentize-maven it\nRoot-Is-Purelib: false\nTag: ${tag}\n")
        StringBuilder record = new StringBuilder()
        files.each { path, content -> record.append("${path},sha256=${sha256(content)},${content.length}\n") }
        record.append("${distInfo}/RECORD,,\n")
        files["${distInfo}/RECORD".toString()] = bytes(record.toString())
        files.putAll(tamper)

        file.parentFile.mkdirs()
        file.withOutputStream { out ->
            ZipOutputStream zip = new ZipOutputStream(out)
            files.each { path, content ->
                zip.putNextEntry(new ZipEntry(path))
                zip.write(content)
                zip.closeEntry()
            }
            zip.finish()
        }
        return file
    }

    /**
     * Installs {@code wheel} into {@code localRepository} the way docs/wheels.md tells users to:
     * {@code mvn install:install-file -Dpackaging=whl}, the classifier being the wheel's tag.
     */
    static void installWheel(Map options) {
        File mavenHome = options.mavenHome as File
        File mvn = new File(mavenHome, 'bin/mvn')
        // Not offline (-o): the outer build may run online with the install plugin not yet in the
        // local repository; when it is there, Maven does not look a release up remotely.
        List<String> command = [mvn.path, '-B', '-q', "-Dmaven.repo.local=${options.localRepository}".toString(),
                                // Full coordinates: no pom here pins the install plugin's version.
                                'org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file',
                                "-Dfile=${(options.wheel as File).absolutePath}".toString(),
                                "-DgroupId=${options.groupId}".toString(),
                                "-DartifactId=${options.artifactId}".toString(),
                                "-Dversion=${options.version}".toString(),
                                "-Dclassifier=${options.classifier}".toString(),
                                '-Dpackaging=whl']
        run(command, (options.wheel as File).parentFile)
    }

    /** Runs {@code command} in {@code dir}; returns stdout+stderr, or throws with them. */
    static String run(List<String> command, File dir, long timeoutSeconds = 600) {
        File log = File.createTempFile('fixture', '.log')
        try {
            Process process = new ProcessBuilder(command).directory(dir).redirectErrorStream(true)
                    .redirectOutput(log).start()
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly()
                throw new IllegalStateException("timed out after ${timeoutSeconds} s: ${command.join(' ')}")
            }
            String output = log.getText('UTF-8')
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "exit ${process.exitValue()}: ${command.join(' ')}\n${output}")
            }
            return output
        } finally {
            log.delete()
        }
    }

    /** Result of {@link #runTool}: exit code and the two streams. */
    static Map runTool(List<String> command, File dir, long timeoutSeconds = 600) {
        File out = File.createTempFile('tool', '.out')
        File err = File.createTempFile('tool', '.err')
        try {
            Process process = new ProcessBuilder(command).directory(dir).redirectOutput(out).redirectError(err).start()
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly()
                throw new IllegalStateException("timed out after ${timeoutSeconds} s: ${command.join(' ')}")
            }
            return [exit: process.exitValue(), stdout: out.getText('UTF-8'), stderr: err.getText('UTF-8')]
        } finally {
            out.delete()
            err.delete()
        }
    }

    /**
     * Fails unless build.log contains {@code expected} verbatim (the core's message, which the
     * goal must not reword; contract.md) as the console shows it: Maven prints a failure message
     * after "on project ...: " and starts each further line of it with "[ERROR] ".
     */
    static void assertLogContains(File basedir, String expected) {
        String log = buildLog(basedir)
        List<String> lines = expected.readLines()
        String shown = ([lines[0]] + lines.drop(1).collect { '[ERROR] ' + it }).join('\n')
        if (!log.contains(shown)) {
            throw new AssertionError("build.log does not contain the expected message:\n" + shown +
                    "\n--- what build.log says at [ERROR]:\n" +
                    log.readLines().findAll { it.startsWith('[ERROR]') }.take(20).join('\n'))
        }
    }

    /** Fails if build.log contains {@code unexpected}. */
    static void assertLogLacks(File basedir, String unexpected) {
        if (buildLog(basedir).contains(unexpected)) {
            throw new AssertionError("build.log unexpectedly contains: " + unexpected)
        }
    }

    static String buildLog(File basedir) {
        File log = new File(basedir, 'build.log')
        if (!log.isFile()) {
            throw new AssertionError("no build.log in ${basedir}")
        }
        return log.getText('UTF-8')
    }

    /**
     * A failed build must leave no component and no temporary file behind (atomic write): no
     * {@code .wasm} and no {@code .tmp} anywhere under target/, except in the runtime bundle the
     * goal unpacked (an input: it ships the preview1 adapter as a .wasm file).
     */
    static void assertNothingWritten(File basedir) {
        File target = new File(basedir, 'target')
        File runtime = new File(target, 'componentize/runtime')
        List<String> left = []
        if (target.isDirectory()) {
            target.eachFileRecurse { f ->
                boolean inRuntime = f.toPath().startsWith(runtime.toPath())
                if (f.isFile() && !inRuntime && (f.name.endsWith('.wasm') || f.name.endsWith('.tmp'))) {
                    left << basedir.toPath().relativize(f.toPath()).toString()
                }
            }
        }
        if (!left.isEmpty()) {
            throw new AssertionError("the failed build left files behind: ${left}")
        }
    }

    /** A component's preamble: magic, version 0x0d, layer 1 (component-model Binary.md). */
    static void assertComponent(File wasm) {
        if (!wasm.isFile()) {
            throw new AssertionError("no component at ${wasm}")
        }
        byte[] head = new byte[8]
        wasm.withInputStream { it.read(head) }
        if (head != ([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0] as byte[])) {
            throw new AssertionError("${wasm} does not start with a component preamble: ${head}")
        }
    }

    private static void requireSdk(File sdk) {
        if (!new File(sdk, 'sysroot/include/wasi/toolchain-id.h').isFile()) {
            throw new IllegalStateException("no runtime SDK at ${sdk}: build the runtime module first " +
                    "(or pass -Dcomponentize.runtime.dir=<bundle>)")
        }
    }

    /**
     * Serves {@code projects} (normalised project name -> its files) on 127.0.0.1 as a package index
     * in the simple API's JSON form (PEP 691), each file with its sha256 and size, at
     * {@code http://127.0.0.1:<port>/simple/}. Bounded: it answers at most {@code maxRequests}
     * requests and stops itself after {@code minutes}; the caller stops it earlier.
     */
    static HttpServer serveIndex(Map<String, List<File>> projects, int maxRequests = 200, long minutes = 20) {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 8)
        int served = 0
        server.createContext('/') { exchange ->
            exchange.withCloseable {
                String path = exchange.requestURI.path
                byte[] body = null
                String type = 'application/octet-stream'
                if (++served <= maxRequests && path.startsWith('/simple/')) {
                    List<File> files = projects[path.substring('/simple/'.length()).replace('/', '')]
                    if (files != null) {
                        type = 'application/vnd.pypi.simple.v1+json'
                        body = groovy.json.JsonOutput.toJson([meta : ['api-version': '1.1'],
                                                              files: files.collect {
                                                                  [filename: it.name, url: "../../files/${it.name}".toString(),
                                                                   hashes  : [sha256: MessageDigest.getInstance('SHA-256').digest(it.bytes).encodeHex().toString()],
                                                                   size    : it.length()]
                                                              }]).bytes
                    }
                } else if (served <= maxRequests && path.startsWith('/files/')) {
                    body = projects.values().flatten().find { it.name == path.substring('/files/'.length()) }?.bytes
                }
                exchange.responseHeaders.set('Content-Type', type)
                exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length)
                if (body != null) {
                    exchange.responseBody.write(body)
                }
            }
        }
        server.start()
        Thread stopper = new Thread({ Thread.sleep(minutes * 60 * 1000L); server.stop(0) } as Runnable)
        stopper.daemon = true
        stopper.start()
        return server
    }

    private static byte[] bytes(Object content) {
        return content instanceof byte[] ? (byte[]) content : content.toString().getBytes(StandardCharsets.UTF_8)
    }

    private static String sha256(byte[] content) {
        byte[] digest = MessageDigest.getInstance('SHA-256').digest(content)
        return Base64.urlEncoder.withoutPadding().encodeToString(digest)
    }
}
