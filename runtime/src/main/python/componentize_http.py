"""What the glue does for a raw wasi:http/incoming-handler when the handler raises.

The glue calls internal_error(response_out, exception) after printing the traceback of an
exception that escaped ``IncomingHandler.handle``; the export then returns normally instead of
trapping, so that every host answers the same way (on a trap, wasmtime serve sends a 500 but jco
serve ends its whole server process).

* The handler had not set its response: the request is answered with ``500 Internal Server
  Error`` here.
* It had: the status and headers are out, and the body may be partly sent. The body is abandoned:
  every output stream and outgoing body the instance still holds is dropped without
  ``finish``, which wasi:http defines as a corrupted body, so the host ends the response as
  incomplete (wasmtime serve cuts the connection without the final chunk) rather than as a
  complete answer that is short.
"""

import gc
import sys

__all__ = ["internal_error"]


def internal_error(response_out, exception):
    """Answers 500 through ``response_out``, or abandons the response it was set to.

    ``exception`` is the one that escaped the handler, passed (and so kept alive) for its
    traceback: the frames in it hold the handler's streams and bodies until they are dropped.
    """
    from wit_world.types import Ok

    types = sys.modules[type(response_out).__module__]
    if getattr(response_out, "_handle", None) is None:
        _abandon_bodies(types)  # set (moved to the host) by the handler before it raised
        return
    headers = types.Fields.from_list([("content-type", b"text/plain; charset=utf-8")])
    response = types.OutgoingResponse(headers)
    response.set_status_code(500)
    body = response.body()
    types.ResponseOutparam.set(response_out, Ok(response))
    with body.write() as out:
        out.blocking_write_and_flush(b"Internal Server Error\n")
    types.OutgoingBody.finish(body, None)


def _abandon_bodies(types):
    stream_class = sys.modules[types.OutputStream.__module__].OutputStream
    live = [
        o
        for o in gc.get_objects()
        if isinstance(o, (stream_class, types.OutgoingBody)) and o._handle is not None
    ]
    # A stream is a child of its body: the host traps when a parent goes first.
    for o in sorted(live, key=lambda o: isinstance(o, types.OutgoingBody)):
        o.drop()
