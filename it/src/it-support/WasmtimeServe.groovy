// `wasmtime serve` of a component on a free loopback port, for the verify scripts of the HTTP
// projects: examples/http-wsgi (loaded from the `itSupport` script variable) and the archetype's
// http case (the archetype module copies this file into its test case at build time: the
// archetype's integration test has no script variables). Bounded: the server gets a deadline to
// listen, and close() stops it.

import java.util.concurrent.TimeUnit

class WasmtimeServe implements Closeable {
    final int port
    final File err
    private final Process process

    /** Starts {@code wasmtime serve -S cli <component>} in {@code directory}, its output in target/. */
    WasmtimeServe(String wasmtime, File component, File directory) {
        port = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { it.localPort }
        err = new File(directory, 'target/serve.err')
        process = new ProcessBuilder(wasmtime, 'serve', '--addr', "127.0.0.1:${port}".toString(), '-S', 'cli', component.path)
            .directory(directory)
            .redirectOutput(new File(directory, 'target/serve.out'))
            .redirectError(err)
            .start()
    }

    /** Returns once the server accepts connections; fails if it ends first or after {@code seconds}. */
    void awaitListening(int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
        while (true) {
            assert process.isAlive(): "wasmtime serve ended: ${err.text}"
            try {
                new Socket('127.0.0.1', port).close()
                return
            } catch (IOException ignored) {
                // not listening yet
            }
            assert System.nanoTime() < deadline: "wasmtime serve did not listen within ${seconds} s"
            Thread.sleep(250)
        }
    }

    @Override
    void close() {
        process.destroy()
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly()
        }
    }
}
