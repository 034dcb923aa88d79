"""Serve a WSGI application (PEP 3333) as a wasi:http/incoming-handler.

In the app module of a component whose world includes wasi:http/proxy::

    from componentize_wsgi import incoming_handler
    from myapp import application  # any PEP 3333 callable: Flask, Bottle, hand-written

    IncomingHandler = incoming_handler(application)

Each request runs the application once. What holds:

* environ: REQUEST_METHOD, SCRIPT_NAME (""), PATH_INFO (percent-decoded, latin-1 as PEP 3333
  says), QUERY_STRING, CONTENT_TYPE, CONTENT_LENGTH, SERVER_NAME and SERVER_PORT (from the
  authority), SERVER_PROTOCOL ("HTTP/1.1"), one HTTP_* entry per request header (repeated
  headers joined with ", ", cookies with "; "), wsgi.version, wsgi.url_scheme, wsgi.input,
  wsgi.errors (sys.stderr), wsgi.multithread False, wsgi.multiprocess False, wsgi.run_once
  False, wsgi.input_terminated True.
* wsgi.input streams the request body from the host as it is read (read, readline, readlines,
  iteration); nothing is buffered beyond one read.
* The response streams too: headers go out with the first non-empty body chunk (or at the end),
  each chunk is written as the application yields it, the write() callable of start_response
  works, and the iterable's close() is called.
* An exception before the headers are out gives a 500 response and the traceback on stderr; one
  after that prints the traceback and ends the body early.

What does not: REMOTE_ADDR/REMOTE_PORT (wasi:http does not tell the handler), wsgi.file_wrapper,
hop-by-hop response headers (connection, keep-alive, transfer-encoding, ... are dropped: the host
owns the connection), trailers. Module-level state does not survive between requests on hosts
that instantiate the component per request (wasmtime serve does).

Outgoing requests: a component has no sockets, so urllib and http.client cannot connect; fetch()
sends a request through wasi:http/outgoing-handler and returns a Response(status, headers, body).
"""

import io
import sys
import traceback
from collections import namedtuple
from urllib.parse import unquote_to_bytes, urlsplit

__all__ = ["incoming_handler", "fetch", "Response"]

_HOP_BY_HOP = frozenset(
    [
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "trailers",
        "transfer-encoding",
        "upgrade",
    ]
)
_READ = 65536


def incoming_handler(application):
    """The IncomingHandler class that serves ``application``; assign it to ``IncomingHandler``."""
    from wit_world import exports
    import wit_world.exports.incoming_handler as handler_types

    types = sys.modules[handler_types.IncomingRequest.__module__]
    streams = sys.modules[types.InputStream.__module__]
    from wit_world.types import Err, Ok

    class IncomingHandler(exports.IncomingHandler):
        def handle(self, request, response_out):
            _Exchange(types, streams, Ok, Err, request, response_out).run(application)

    IncomingHandler.__doc__ = f"Serves the WSGI application {application!r}."
    return IncomingHandler


class _RequestBody(io.RawIOBase):
    """A body's wasi:io input-stream as a raw Python stream."""

    def __init__(self, stream, closed_error, err_type):
        self._stream = stream
        self._closed_error = closed_error
        self._err_type = err_type
        self._eof = False

    def readable(self):
        return True

    def readinto(self, buffer):
        if self._eof or len(buffer) == 0:
            return 0
        try:
            data = self._stream.blocking_read(min(len(buffer), _READ))
        except self._err_type as e:
            if isinstance(e.value, self._closed_error):
                self._eof = True
                return 0
            raise OSError(f"reading the request body failed: {e.value!r}") from None
        buffer[: len(data)] = data
        return len(data)


class _Exchange:
    """One request: the environ in, the status, headers and body out."""

    def __init__(self, types, streams, ok, err, request, response_out):
        self.types = types
        self.streams = streams
        self.ok = ok
        self.err = err
        self.request = request
        self.response_out = response_out
        self.status = None
        self.headers = None
        self.body = None
        self.out = None
        self.broken = False

    def run(self, application):
        body = self.request.consume()
        stream = body.stream()
        wsgi_input = io.BufferedReader(
            _RequestBody(stream, self.streams.StreamErrorClosed, self.err), _READ
        )
        result = None
        try:
            environ = self.environ(wsgi_input)
            result = application(environ, self.start_response)
            for chunk in result:
                if chunk:
                    self.write(chunk)
            if self.out is None:
                self.send_headers()
        except BaseException:
            self.fail()
        finally:
            if result is not None and hasattr(result, "close"):
                try:
                    result.close()
                except BaseException:
                    traceback.print_exc(file=sys.stderr)
            wsgi_input.detach()
            stream.drop()
            body.drop()
            self.finish()

    def environ(self, wsgi_input):
        request = self.request
        target = request.path_with_query() or "/"
        path, _, query = target.partition("?")
        authority = request.authority() or ""
        host, _, port = authority.rpartition(":") if ":" in authority else (authority, "", "")
        scheme = request.scheme()
        url_scheme = "https" if isinstance(scheme, self.types.SchemeHTTPS) else "http"
        environ = {
            "REQUEST_METHOD": _method(self.types, request.method()),
            "SCRIPT_NAME": "",
            "PATH_INFO": unquote_to_bytes(path).decode("latin-1"),
            "QUERY_STRING": query,
            "SERVER_NAME": host or "localhost",
            "SERVER_PORT": port or ("443" if url_scheme == "https" else "80"),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": url_scheme,
            "wsgi.input": wsgi_input,
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "wsgi.input_terminated": True,
        }
        headers = request.headers()
        for name, value in headers.entries():
            text = value.decode("latin-1")
            if name == "content-type":
                environ["CONTENT_TYPE"] = text
            elif name == "content-length":
                environ["CONTENT_LENGTH"] = text
            else:
                key = "HTTP_" + name.upper().replace("-", "_")
                if key in environ:
                    joiner = "; " if key == "HTTP_COOKIE" else ", "
                    environ[key] = environ[key] + joiner + text
                else:
                    environ[key] = text
        headers.drop()
        return environ

    def start_response(self, status, headers, exc_info=None):
        if exc_info is not None:
            try:
                if self.out is not None:
                    raise exc_info[1].with_traceback(exc_info[2])
            finally:
                exc_info = None
        elif self.status is not None:
            raise AssertionError("start_response called a second time without exc_info")
        self.status = int(status.split(" ", 1)[0])
        self.headers = [(k, v) for k, v in headers if k.lower() not in _HOP_BY_HOP]
        return self.write

    def send_headers(self):
        if self.status is None:
            raise AssertionError("the application returned before calling start_response")
        fields = self.types.Fields.from_list(
            [(k.lower(), v.encode("latin-1")) for k, v in self.headers]
        )
        response = self.types.OutgoingResponse(fields)
        response.set_status_code(self.status)
        self.body = response.body()
        self.types.ResponseOutparam.set(self.response_out, self.ok(response))
        self.out = self.body.write()

    def write(self, data):
        if self.out is None:
            self.send_headers()
        view = memoryview(data).cast("B")
        while view:
            permitted = self.out.check_write()
            if permitted == 0:
                pollable = self.out.subscribe()
                pollable.block()
                pollable.drop()
                continue
            self.out.write(view[:permitted])
            view = view[permitted:]

    def fail(self):
        traceback.print_exc(file=sys.stderr)
        if self.out is not None:
            self.broken = True
        else:
            self.status = 500
            self.headers = [("content-type", "text/plain; charset=utf-8")]
            try:
                self.send_headers()
                self.write(b"Internal Server Error\n")
            except BaseException:
                traceback.print_exc(file=sys.stderr)

    def finish(self):
        if self.out is None:
            return
        if self.broken:
            # Dropped without finish: the host ends the response as incomplete (wasi:http).
            self.out.drop()
            self.body.drop()
            return
        try:
            self.out.blocking_flush()
        except self.err as e:
            # Closed: the client went away, or the host closed the stream once a declared
            # Content-Length was reached. Nothing is left to send either way.
            if not isinstance(e.value, self.streams.StreamErrorClosed):
                raise
        self.out.drop()
        try:
            self.types.OutgoingBody.finish(self.body, None)
        except self.err as e:
            # E.g. fewer bytes than the Content-Length the application declared.
            print(f"componentize_wsgi: the response body was not accepted: {e.value!r}",
                  file=sys.stderr)


Response = namedtuple("Response", ["status", "headers", "body"])
Response.__doc__ = "An outgoing request's answer: status (int), headers ([(name, bytes)]), body."


def fetch(url, method="GET", headers=(), body=b""):
    """Sends an HTTP request through wasi:http/outgoing-handler and reads the whole response.

    ``headers`` are (name, value) pairs of str; ``body`` bytes. Raises OSError when the host
    refuses the request or the connection fails (the message carries wasi:http's error code).
    """
    import wit_world.imports.outgoing_handler as outgoing

    types = sys.modules[outgoing.OutgoingRequest.__module__]
    streams = sys.modules[types.InputStream.__module__]
    from wit_world.types import Err

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"fetch needs an absolute http or https URL, not {url!r}")
    fields = types.Fields.from_list([(k.lower(), v.encode("latin-1")) for k, v in headers])
    request = types.OutgoingRequest(fields)
    upper = method.upper()
    case = getattr(types, "Method" + upper.capitalize(), None)
    request.set_method(case() if case is not None else types.MethodOther(upper))
    request.set_scheme(types.SchemeHTTPS() if parts.scheme == "https" else types.SchemeHTTP())
    request.set_authority(parts.netloc)
    request.set_path_with_query((parts.path or "/") + ("?" + parts.query if parts.query else ""))
    outgoing_body = request.body()
    try:
        future = outgoing.handle(request, None)
    except Err as e:
        raise OSError(f"{method} {url} refused: {e.value!r}") from None
    out = outgoing_body.write()
    view = memoryview(body).cast("B")
    for start in range(0, len(view), 4096):
        out.blocking_write_and_flush(view[start : start + 4096])
    out.drop()
    types.OutgoingBody.finish(outgoing_body, None)

    pollable = future.subscribe()
    pollable.block()
    pollable.drop()
    outcome = future.get()
    future.drop()
    if outcome is None or isinstance(outcome, Err):
        raise OSError(f"{method} {url}: no response to take ({outcome!r})")
    if isinstance(outcome.value, Err):
        raise OSError(f"{method} {url} failed: {outcome.value.value!r}")
    response = outcome.value.value
    status = response.status()
    response_headers = response.headers()
    entries = response_headers.entries()
    response_headers.drop()
    incoming = response.consume()
    stream = incoming.stream()
    reader = _RequestBody(stream, streams.StreamErrorClosed, Err)
    chunks = []
    buffer = bytearray(_READ)
    while True:
        n = reader.readinto(buffer)
        if n == 0:
            break
        chunks.append(bytes(buffer[:n]))
    stream.drop()
    incoming.drop()
    response.drop()
    return Response(status, entries, b"".join(chunks))


def _method(types, method):
    if isinstance(method, types.MethodOther):
        return method.value
    return type(method).__name__[len("Method") :].upper()
