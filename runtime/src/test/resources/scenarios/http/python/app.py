"""TEST FIXTURE: a raw wasi:http/incoming-handler written against the generated bindings.

Routes (the test drives them under `wasmtime serve`):
  GET  /hello?name=N    200, "Hello, N!" and the request line; echoes x-trace into the response
  GET  /headers         200, the request headers, one "name: value" per line
  GET  /status/N        status N, empty body
  POST|PUT /echo        200, the request body streamed back chunk by chunk
  GET  /bytes?size=N    200, N bytes generated in 64 KiB chunks (nothing held in memory)
  GET  /fetch?port=P&path=Q  the status and body of GET http://127.0.0.1:P/Q, fetched through
                        wasi:http/outgoing-handler
  GET  /raise           raises before answering: the glue prints the traceback and answers 500
  GET  /raise-late      sends 200 and part of the body, then raises: the glue prints the
                        traceback and drops the body unfinished, the host cuts the response short
"""

from urllib.parse import parse_qs

from wit_world import exports
from wit_world.imports import outgoing_handler, streams, types
from wit_world.types import Err, Ok

CHUNK = 65536
WRITE = 4096  # blocking-write-and-flush takes at most 4096 bytes per call


def method_name(method):
    if isinstance(method, types.MethodOther):
        return method.value
    return type(method).__name__[len("Method"):].upper()


def read_all_chunks(stream):
    """Yields the chunks of an input stream until it closes."""
    while True:
        try:
            chunk = stream.blocking_read(CHUNK)
        except Err as e:
            if isinstance(e.value, streams.StreamErrorClosed):
                return
            raise
        if chunk:
            yield chunk


def write_all(out, data):
    view = memoryview(data)
    for start in range(0, len(view), WRITE):
        out.blocking_write_and_flush(view[start : start + WRITE])


def respond(response_out, status, headers, chunks):
    """Sends the status and headers, then streams the body chunks."""
    fields = types.Fields.from_list([(k, v.encode()) for k, v in headers])
    response = types.OutgoingResponse(fields)
    response.set_status_code(status)
    body = response.body()
    types.ResponseOutparam.set(response_out, Ok(response))
    out = body.write()
    for chunk in chunks:
        write_all(out, chunk)
    out.drop()
    types.OutgoingBody.finish(body, None)


def fetch(port, path):
    request = types.OutgoingRequest(types.Fields())
    request.set_method(types.MethodGet())
    request.set_scheme(types.SchemeHTTP())
    request.set_authority(f"127.0.0.1:{port}")
    request.set_path_with_query(path)
    future = outgoing_handler.handle(request, None)
    pollable = future.subscribe()
    pollable.block()
    pollable.drop()
    outcome = future.get()  # option<result<result<incoming-response, error-code>>>
    future.drop()
    if outcome is None or isinstance(outcome, Err):
        raise RuntimeError(f"no response to take: {outcome}")
    if isinstance(outcome.value, Err):
        raise RuntimeError(f"the outgoing request failed: {outcome.value.value}")
    response = outcome.value.value
    status = response.status()
    incoming = response.consume()
    stream = incoming.stream()
    data = b"".join(read_all_chunks(stream))
    stream.drop()
    incoming.drop()
    response.drop()
    return status, data


class IncomingHandler(exports.IncomingHandler):
    def handle(self, request, response_out):
        method = method_name(request.method())
        target = request.path_with_query() or "/"
        path, _, query = target.partition("?")
        params = {k: v[0] for k, v in parse_qs(query).items()}
        headers = request.headers()
        entries = headers.entries()
        headers.drop()
        trace = [v.decode() for k, v in entries if k == "x-trace"]

        if path == "/hello":
            text = f"Hello, {params.get('name', 'world')}!\n{method} {path} query={query}\n"
            extra = [("x-trace", trace[0])] if trace else []
            respond(
                response_out,
                200,
                [("content-type", "text/plain; charset=utf-8"), ("x-handler", "raw")] + extra,
                [text.encode()],
            )
        elif path == "/headers":
            lines = "".join(f"{k}: {v.decode()}\n" for k, v in entries)
            respond(response_out, 200, [("content-type", "text/plain")], [lines.encode()])
        elif path.startswith("/status/"):
            respond(response_out, int(path[len("/status/"):]), [], [])
        elif path == "/echo" and method in ("POST", "PUT"):
            body = request.consume()
            stream = body.stream()
            respond(
                response_out,
                200,
                [("content-type", "application/octet-stream"), ("x-method", method)],
                read_all_chunks(stream),
            )
            stream.drop()
            body.drop()
        elif path == "/bytes":
            size = int(params["size"])
            block = bytes(range(256)) * (CHUNK // 256)

            def generate():
                left = size
                while left > 0:
                    yield block[: min(left, CHUNK)]
                    left -= CHUNK

            respond(response_out, 200, [("content-type", "application/octet-stream")], generate())
        elif path == "/fetch":
            status, data = fetch(params["port"], params.get("path", "/"))
            respond(
                response_out,
                200,
                [("content-type", "text/plain")],
                [f"upstream status {status}\n".encode(), data],
            )
        elif path == "/raise":
            raise RuntimeError("the handler failed on purpose")
        elif path == "/raise-late":

            def partial():
                yield b"the first part\n"
                raise RuntimeError("the handler failed after answering")

            respond(response_out, 200, [("content-type", "text/plain")], partial())
        else:
            respond(response_out, 404, [("content-type", "text/plain")], [b"not found\n"])
