"""A small service written against plain WSGI (PEP 3333): no framework and no component API in
the application itself, so it runs unchanged under any WSGI server.

  GET  /                  a greeting with the request line and the name from the query string
  POST /echo, PUT /echo   the request body back, read from wsgi.input in 64 KiB chunks
  GET  /stream?count=N    N lines, yielded one by one (a streamed response)
  GET  /environ           some environ keys, one per line
  GET  /fetch?port=P      the body of GET http://127.0.0.1:P/ (an outgoing request: the one line
                          here that needs the component, componentize_wsgi.fetch)
  GET  /fail              raises: the bridge answers 500 and prints the traceback on stderr
"""

from urllib.parse import parse_qs

from componentize_wsgi import fetch


def application(environ, start_response):
    method = environ["REQUEST_METHOD"]
    path = environ["PATH_INFO"]
    query = parse_qs(environ["QUERY_STRING"])

    if path == "/":
        name = query.get("name", ["world"])[0]
        body = f"Hello, {name}!\n{method} {path}?{environ['QUERY_STRING']}\n".encode()
        start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
        return [body]

    if path == "/echo" and method in ("POST", "PUT"):
        start_response(
            "200 OK",
            [("Content-Type", environ.get("CONTENT_TYPE", "application/octet-stream"))],
        )
        return iter(lambda: environ["wsgi.input"].read(65536), b"")

    if path == "/stream":
        count = int(query.get("count", ["3"])[0])
        start_response("200 OK", [("Content-Type", "text/plain")])
        return (f"line {i}\n".encode() for i in range(count))

    if path == "/environ":
        keys = ["REQUEST_METHOD", "PATH_INFO", "QUERY_STRING", "SERVER_NAME", "SERVER_PORT",
                "SERVER_PROTOCOL", "HTTP_USER_AGENT", "HTTP_X_TRACE", "wsgi.url_scheme"]
        lines = "".join(f"{k}={environ.get(k, '')}\n" for k in keys)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [lines.encode()]

    if path == "/fetch":
        port = int(query["port"][0])
        upstream = fetch(f"http://127.0.0.1:{port}/")
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [f"upstream {upstream.status}: ".encode(), upstream.body]

    if path == "/fail":
        raise RuntimeError("this handler fails on purpose")

    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"not found\n"]
