"""Bench app 4: a trivial HTTP handler (wasi:http/incoming-handler) answering "Hello!".

The same source builds with both tools; only the module that holds Ok differs."""

from wit_world import exports
from wit_world.imports import types

try:
    from componentize_py_types import Ok  # componentize-py
except ImportError:
    from wit_world.types import Ok  # componentize-maven


class IncomingHandler(exports.IncomingHandler):
    def handle(self, request, response_out):
        headers = types.Fields.from_list([("content-type", b"text/plain")])
        response = types.OutgoingResponse(headers)
        response.set_status_code(200)
        body = response.body()
        types.ResponseOutparam.set(response_out, Ok(response))
        with body.write() as out:
            out.blocking_write_and_flush(b"Hello!\n")
        types.OutgoingBody.finish(body, None)
