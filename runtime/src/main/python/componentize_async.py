"""The asyncio event loop of a component's async exports (component-model async, callback ABI).

An async export (`async func` in WIT) is an `async def` in the app. The glue
(libcomponentize.so) lifts the arguments, calls the method and hands the coroutine to
`start_export`; the host calls back with each event the task waited for, which the glue passes to
`callback`. Both run the loop until nothing is ready and return the callback code the host expects
(CanonicalABI.md "canon lift", Async.md "Async Export ABI"): EXIT once the coroutine has finished
and its result went to the host through `task.return`, else WAIT on the task's waitable set.

Async imports are awaitables (`call_import`): the import is called with the async ABI; a call
that does not return at once is a subtask, joined to the current task's waitable set, whose
future is resolved when its SUBTASK event reports RETURNED.

Nothing here runs at build time: the loop is made at the first async call.
"""

import asyncio
import collections
import sys
import traceback

import _componentize

# Callback codes (CanonicalABI.md "canon lift"): the low 4 bits; WAIT carries the set above them.
_EXIT = 0
_WAIT = 2
# Event codes and the subtask state a SUBTASK event reports (CanonicalABI.md "Waitable State").
_EVENT_SUBTASK = 1
_RETURNED = 2
# A code the glue turns into a trap after the traceback was printed.
_FAILED = -1

_TIMERS = (
    "asyncio timers (asyncio.sleep with a delay, call_later, call_at, wait_for with a"
    " timeout) are not supported yet in a component; await an async import instead, such"
    " as wasi:clocks/monotonic-clock@0.3.0 wait-for"
)


class ComponentEventLoop(asyncio.AbstractEventLoop):
    """Runs ready callbacks only: a component never blocks, the host resumes it with events."""

    def __init__(self):
        self._ready = collections.deque()

    def call_soon(self, callback, *args, context=None):
        handle = asyncio.Handle(callback, args, self, context)
        self._ready.append(handle)
        return handle

    def call_later(self, delay, callback, *args, context=None):
        raise NotImplementedError(_TIMERS)

    def call_at(self, when, callback, *args, context=None):
        raise NotImplementedError(_TIMERS)

    def create_future(self):
        return asyncio.Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        return asyncio.Task(coro, loop=self, name=name, context=context)

    def get_debug(self):
        return False

    def is_running(self):
        return True

    def is_closed(self):
        return False

    def time(self):
        import time

        return time.monotonic()

    def call_exception_handler(self, context):
        print("componentize: " + context.get("message", "error in the event loop"), file=sys.stderr)
        exception = context.get("exception")
        if exception is not None:
            traceback.print_exception(exception, file=sys.stderr)

    def default_exception_handler(self, context):
        self.call_exception_handler(context)

    def run_ready(self):
        while self._ready:
            handle = self._ready.popleft()
            if not handle._cancelled:
                handle._run()


class _Task:
    """One call of an async export: a component-model task."""

    def __init__(self, number, export_index, name):
        self.number = number
        self.export_index = export_index
        self.name = name
        self.waitable_set = 0
        self.pending = {}  # subtask handle -> (future, the glue's pending call)
        self.waiting = {}  # stream or future end -> its copy's resolver (componentize_streams)
        self.done = False
        self.failure = None


_loop = None
_tasks = {}
_next_task = 1
_current = None


def _the_loop():
    global _loop
    if _loop is None:
        _loop = ComponentEventLoop()
    return _loop


def start_export(export_index, name, coroutine):
    """Called by the glue with the coroutine of an async export; returns the callback code."""
    global _next_task
    task = _Task(_next_task, export_index, name)
    _next_task += 1
    _tasks[task.number] = task
    _componentize.context_set(task.number)

    def finished(future):
        task.done = True
        if future.cancelled():
            task.failure = asyncio.CancelledError("the async export was cancelled")
            return
        failure = future.exception()
        if failure is not None:
            if _componentize.is_error_result(export_index, failure):
                _componentize.task_return(export_index, failure)
            else:
                task.failure = failure
            return
        _componentize.task_return(export_index, future.result())

    def start():
        if not asyncio.iscoroutine(coroutine):
            raise TypeError(
                f"{name} is an async export: implement it with 'async def' (it returned"
                f" {type(coroutine).__name__})"
            )
        _the_loop().create_task(coroutine).add_done_callback(finished)

    return _drive(task, start)


def callback(event, handle, code):
    """Called by the glue with an event of the current task; returns the callback code."""
    task = _tasks[_componentize.context_get()]
    if task.waiting and handle in task.waiting:
        import componentize_streams

        componentize_streams.on_event(task, event, handle, code)
    elif event == _EVENT_SUBTASK and code == _RETURNED and handle in task.pending:
        future, call = task.pending.pop(handle)
        _componentize.subtask_drop(handle)
        try:
            value = _componentize.finish_import(call)
        except BaseException as e:  # noqa: BLE001 - handed to the awaiting coroutine
            if not future.cancelled():
                future.set_exception(e)
        else:
            if not future.cancelled():
                future.set_result(value)
    return _drive(task, None)


def _drive(task, start):
    global _current
    loop = _the_loop()
    previous = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(loop)
    _current = task
    try:
        if start is not None:
            start()
        loop.run_ready()
    except BaseException as e:  # noqa: BLE001 - reported, then the glue traps
        task.done = True
        task.failure = e
    finally:
        _current = None
        asyncio.events._set_running_loop(previous)
    if task.done and task.failure is None and (task.pending or task.waiting):
        # The export has returned, but work it started still copies (a stream it returned).
        return _WAIT | (task.waitable_set << 4)
    if task.done:
        del _tasks[task.number]
        if task.waitable_set and not task.pending:
            _componentize.waitable_set_drop(task.waitable_set)
        if task.failure is not None:
            print(f"componentize: export {task.name} raised an exception", file=sys.stderr)
            traceback.print_exception(task.failure, file=sys.stderr)
            return _FAILED
        return _EXIT
    if task.pending or task.waiting:
        return _WAIT | (task.waitable_set << 4)
    print(
        f"componentize: export {task.name} waits for something that no component-model"
        " subtask will complete (a future nobody resolves, or an asyncio timer or thread);"
        " only async imports can be awaited across the host",
        file=sys.stderr,
    )
    return _FAILED


def call_import(index, *args):
    """Calls async import `index` and returns a future of its lifted result."""
    task = _current
    if task is None:
        raise RuntimeError(
            "an async import can only be awaited inside an async export (the component model"
            " runs it as a subtask of the export's task)"
        )
    future = _the_loop().create_future()
    status, call = _componentize.call_import_async(index, *args)
    if status & 0xF == _RETURNED:
        future.set_result(_componentize.finish_import(call))
        return future
    handle = status >> 4
    if not task.waitable_set:
        task.waitable_set = _componentize.waitable_set_new()
    _componentize.waitable_join(handle, task.waitable_set)
    task.pending[handle] = (future, call)
    return future
