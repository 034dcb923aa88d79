"""Streams, futures and error contexts of the component model (component-model async).

A `stream<T>` or `future<T>` in a WIT signature is one end of a channel, passed as a handle. The
glue (libcomponentize.so) lifts a handle the host passes into a `StreamReader`/`FutureReader` (or
`ErrorContext`) through `lift`, and lowers such an object back into its handle through `lower`,
which moves the end's ownership to the callee. An app makes a channel of its own with
`new_stream()` or `new_future()`: the writable end stays with the app, the readable end is
returned or passed to an import; the channel's type is the one of the place it is lowered into,
so the pair gets its handles then (`stream.new`/`future.new`) and writing waits for that.

Reads and writes are the async built-ins (CanonicalABI.md "canon stream.read"): a copy that
cannot finish at once is BLOCKED; its end joins the current task's waitable set and the
STREAM_READ/STREAM_WRITE/FUTURE_READ/FUTURE_WRITE event with the copy's result resumes the
awaiting coroutine (componentize_async runs the loop).

Ownership: an end belongs to whoever holds the object until it is passed on (lowered) or closed;
`close()` (or `with`/`async with`) drops the handle. The readable end of a finished stream still
has to be closed; a future's end is dropped by the glue once its value went across.
"""

import _componentize
import componentize_async

# Results of a copy (CanonicalABI.md "Copy Result"), in the low 4 bits of a code; the count above.
_BLOCKED = 0xFFFFFFFF
_COMPLETED = 0
_DROPPED = 1
_CANCELLED = 2

# Descriptor kinds (docs/design/python-glue.md "The descriptor blob").
_STREAM = 24
_FUTURE = 25
_ERROR_CONTEXT = 26

# The built-ins of a stream or future type, in WorldPlan's order.
_NEW, _READ, _WRITE, _CANCEL_READ, _CANCEL_WRITE, _DROP_READABLE, _DROP_WRITABLE = range(7)

# Events a copy ends with (CanonicalABI.md "Waitable State").
COPY_EVENTS = (2, 3, 4, 5)

_DEFAULT_READ = 64 * 1024


class _End:
    """One end of a stream or future: its type (a descriptor index) and handle, once it has one."""

    _writable = False

    def __init__(self, type_index=None, handle=None):
        self._type = type_index
        self._handle = handle
        self._busy = False
        self._closed = False  # closed or passed on
        self._done = False  # the other end is gone (or the future's value went across)

    def _check(self, what):
        if self._busy:
            raise RuntimeError(f"{type(self).__name__}: a {what} is already in progress")
        if self._closed:
            raise ValueError(f"{type(self).__name__} was closed or passed on")

    def close(self):
        """Drops this end (idempotent); the other end sees the channel closed."""
        if self._busy:
            raise RuntimeError(f"{type(self).__name__}: cannot close during a copy")
        self._closed = True
        if self._handle is not None:
            handle, self._handle = self._handle, None
            _componentize.handle_builtin(
                self._type, _DROP_WRITABLE if self._writable else _DROP_READABLE, handle
            )

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.close()

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exception):
        self.close()

    async def _copy(self, writing, argument):
        """One async copy: returns (result, count, what a read delivered)."""
        self._busy = True
        try:
            code, copy = _componentize.copy_start(self._type, writing, self._handle, argument)
            if code == _BLOCKED:
                code = await _blocked(self, writing, copy)
            count = code >> 4
            return code & 0xF, count, _componentize.copy_finish(copy, count)
        finally:
            self._busy = False


async def _blocked(end, writing, copy):
    """Waits for the event that ends the copy on `end` (joined to the current task's set)."""
    task = componentize_async._current
    if task is None:
        raise RuntimeError(
            "a stream or future can only wait inside an async export (the copy is a waitable of"
            " the export's task)"
        )
    future = componentize_async._the_loop().create_future()
    handle = end._handle

    def resolve(event, code):
        # Out of the set again: an idle end must not keep the task's set from being dropped.
        _componentize.waitable_join(handle, 0)
        if not future.cancelled():
            future.set_result(code)

    if not task.waitable_set:
        task.waitable_set = _componentize.waitable_set_new()
    _componentize.waitable_join(handle, task.waitable_set)
    task.waiting[handle] = resolve
    try:
        return await future
    except BaseException:
        # Cancelled: cancel the copy (synchronously: it has ended when the built-in returns).
        if task.waiting.pop(handle, None) is not None:
            cancel = _CANCEL_WRITE if writing else _CANCEL_READ
            _componentize.handle_builtin(end._type, cancel, handle)
            _componentize.waitable_join(handle, 0)
        raise


def on_event(task, event, handle, code):
    """A copy event of `task`'s waitable set; returns whether it was one of ours."""
    resolve = task.waiting.pop(handle, None)
    if resolve is None:
        return False
    resolve(event, code)
    return True


class StreamReader(_End):
    """The readable end of a `stream<T>`: `await read(n)` gives bytes (stream<u8>) or a list."""

    def __init__(self, type_index=None, handle=None, writer=None):
        super().__init__(type_index, handle)
        self._writer = writer  # an unbound pair from new_stream()

    async def read(self, n=_DEFAULT_READ):
        """At most `n` elements; empty once the writer has closed and everything was read."""
        if self._done:
            return self._empty()
        self._check("read")
        if self._type is None:
            raise RuntimeError(
                "the reader of a new_stream() is read by whoever receives it: pass it on"
            )
        while True:
            result, count, items = await self._copy(False, n)
            if result == _DROPPED:
                self._done = True
            if count or result != _COMPLETED:
                return items

    async def readall(self):
        """Everything until the writer closes."""
        parts = []
        while chunk := await self.read():
            parts.append(chunk)
        return self._empty().join(parts) if self._is_bytes() else [x for p in parts for x in p]

    def _is_bytes(self):
        return isinstance(self._empty(), bytes)

    def _empty(self):
        return b"" if _componentize_is_u8(self._type) else []

    def __aiter__(self):
        return self

    async def __anext__(self):
        chunk = await self.read()
        if not chunk:
            raise StopAsyncIteration
        return chunk


class StreamWriter(_End):
    """The writable end of a `stream<T>`: `await write(data)` sends all of `data`."""

    _writable = True

    def __init__(self, type_index=None, handle=None):
        super().__init__(type_index, handle)
        self._bound = None

    async def write(self, data):
        """Writes every element of `data` (bytes for stream<u8>, else a sequence); raises
        BrokenPipeError when the reader has closed."""
        await _bound(self)
        self._check("write")
        while len(data):
            if self._done:
                raise BrokenPipeError("the stream's reader has closed")
            result, count, _ = await self._copy(True, data)
            data = data[count:]
            if result == _DROPPED:
                self._done = True
                if len(data):
                    raise BrokenPipeError("the stream's reader has closed")


class FutureReader(_End):
    """The readable end of a `future<T>`: `await reader` gives the value (the ok of a result, or
    raises its Err, as an import's result)."""

    def __await__(self):
        return self.read().__await__()

    async def read(self):
        self._check("read")
        if self._type is None:
            raise RuntimeError(
                "the reader of a new_future() is read by whoever receives it: pass it on"
            )
        result, count, value = await self._copy(False, None)
        self.close()
        if result != _COMPLETED:
            raise BrokenPipeError("the future's writer was dropped without a value")
        return _unwrap(value)


class FutureWriter(_End):
    """The writable end of a `future<T>`: `await write(value)` (or `set`) sends the value."""

    _writable = True

    def __init__(self, type_index=None, handle=None):
        super().__init__(type_index, handle)
        self._bound = None

    async def write(self, value):
        await _bound(self)
        self._check("write")
        result, count, _ = await self._copy(True, value)
        self.close()
        if result != _COMPLETED:
            raise BrokenPipeError("the future's reader was dropped before it took the value")

    set = write


class ErrorContext:
    """An `error-context`: a message for debugging, from the host or made with `ErrorContext(msg)`."""

    def __init__(self, message=None, *, _handle=None):
        self._handle = _handle if message is None else _componentize.error_context_new(message)

    def debug_message(self):
        if self._handle is None:
            raise ValueError("the error-context was dropped or passed on")
        return _componentize.error_context_debug_message(self._handle)

    def close(self):
        """Drops the error-context (idempotent)."""
        if self._handle is not None:
            handle, self._handle = self._handle, None
            _componentize.error_context_drop(handle)

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.close()

    def __repr__(self):
        return f"ErrorContext({self.debug_message()!r})" if self._handle else "ErrorContext()"


_u8_streams = {}


def _componentize_is_u8(type_index):
    return _u8_streams.get(type_index, False)


def new_stream():
    """A new stream: (writer, reader). Pass the reader on (return it, or give it to an import);
    its type is taken from there, and writing waits until then."""
    writer = StreamWriter()
    return writer, StreamReader(writer=writer)


def new_future():
    """A new future: (writer, reader), as new_stream()."""
    writer = FutureWriter()
    reader = FutureReader()
    reader._writer = writer
    return writer, reader


async def _bound(writer):
    if writer._type is not None:
        return
    if writer._bound is None:
        writer._bound = componentize_async._the_loop().create_future()
    await writer._bound


def _unwrap(value):
    import wit_world.types

    if isinstance(value, wit_world.types.Err):
        raise value
    if isinstance(value, wit_world.types.Ok):
        return value.value
    return value


def lift(type_index, kind, handle):
    """The glue: the object for a handle the host passed."""
    if kind == _ERROR_CONTEXT:
        return ErrorContext(_handle=handle)
    if kind == _STREAM:
        _u8_streams[type_index] = _componentize.stream_of_u8(type_index)
        return StreamReader(type_index, handle)
    return FutureReader(type_index, handle)


def lower(type_index, kind, value):
    """The glue: the handle of an object passed to the host, whose ownership moves with it."""
    if kind == _ERROR_CONTEXT:
        if not isinstance(value, ErrorContext):
            raise TypeError(f"expected an ErrorContext, got {type(value).__name__}")
        handle, value._handle = value._handle, None
        if handle is None:
            raise ValueError("the error-context was dropped or passed on")
        return handle
    cls = StreamReader if kind == _STREAM else FutureReader
    if not isinstance(value, cls):
        raise TypeError(f"expected a {cls.__name__}, got {type(value).__name__}")
    if value._handle is None and not value._closed and getattr(value, "_writer", None):
        # A new channel: made now that its type is known; the writer gets its end.
        both = _componentize.handle_builtin(type_index, _NEW)
        value._type, value._handle = type_index, both & 0xFFFFFFFF
        writer, value._writer = value._writer, None
        writer._type, writer._handle = type_index, both >> 32
        if kind == _STREAM:
            _u8_streams[type_index] = _componentize.stream_of_u8(type_index)
        if writer._closed:
            writer._closed = False
            writer.close()
        elif writer._bound is not None and not writer._bound.done():
            writer._bound.set_result(None)
    if value._handle is None or value._busy:
        raise ValueError(f"the {cls.__name__} was closed, passed on, or is being read")
    handle, value._handle = value._handle, None
    value._closed = True
    return handle
