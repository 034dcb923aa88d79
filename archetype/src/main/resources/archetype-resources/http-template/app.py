"""The Python side of world `service` (src/main/wit/world.wit): an HTTP service.

`application` is a plain WSGI application (PEP 3333): any WSGI framework's app object (Flask,
Bottle, ...) works the same way. The runtime's WSGI bridge, componentize_wsgi, turns it into the
class the world's export wasi:http/incoming-handler needs; the host calls it once per request.
This module is imported while the component is built (its state is part of the component).
"""

import json
import sys

from componentize_wsgi import incoming_handler


def application(environ, start_response):
    path = environ["PATH_INFO"]
    if path == "/":
        body = f"Hello from Python {sys.version_info.major}.{sys.version_info.minor}!\n"
        start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
        return [body.encode()]
    if path == "/echo" and environ["REQUEST_METHOD"] in ("POST", "PUT"):
        data = environ["wsgi.input"].read()
        answer = {"method": environ["REQUEST_METHOD"], "length": len(data), "body": data.decode()}
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps(answer).encode() + b"\n"]
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"not found\n"]


IncomingHandler = incoming_handler(application)
