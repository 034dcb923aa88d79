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

Each component-model task (one call of an async export) has its own queue of ready callbacks: an
asyncio task or callback belongs to the component task in whose context it was made (a context
variable, which asyncio copies into every task and callback), and runs only while the host drives
that component task, so its async imports join that task's waitable set and its `task.return` is
its own. The export's value goes to the host as soon as its coroutine returns; the component task
then goes on until every asyncio task it started has finished (Async.md "Returning").

asyncio timers (`asyncio.sleep(n)`, `call_later`, `call_at`, `wait_for` with a timeout) are
subtasks of `wasi:clocks/monotonic-clock@0.3.0` `wait-for` when the world imports that interface.
A cancelled timer, or a cancelled future of an async import (an asyncio task awaiting it was
cancelled), cancels its subtask with `subtask.cancel`; the component task EXITs only once none of
its subtasks is left.

Nothing here runs at build time: the loop is made at the first async call.
"""

import asyncio
import collections
import contextvars
import sys
import traceback

import _componentize

# Callback codes (CanonicalABI.md "canon lift"): the low 4 bits; WAIT carries the set above them.
_EXIT = 0
_WAIT = 2
# Event codes and the subtask states a SUBTASK event reports (CanonicalABI.md "Waitable State"):
# RETURNED and the two CANCELLED ones resolve the subtask.
_EVENT_SUBTASK = 1
_RETURNED = 2
_RESOLVED = (_RETURNED, 3, 4)
# A code the glue turns into a trap after the traceback was printed.
_FAILED = -1

# The import asyncio timers run on (its descriptor name: core module "." core field).
_CLOCK = "wasi:clocks/monotonic-clock@0.3.0"
_WAIT_FOR = _CLOCK + ".[async-lower]wait-for"
_NO_CLOCK = (
    "asyncio timers (asyncio.sleep with a delay, call_later, call_at, wait_for with a"
    " timeout) run on " + _CLOCK + " wait-for in a component, and this world does not import"
    " it: add `import " + _CLOCK + ";` to the world"
)

# The component-model task an asyncio task or callback belongs to (see the module docstring).
_owner = contextvars.ContextVar("componentize_task", default=None)


class ComponentEventLoop(asyncio.AbstractEventLoop):
    """Runs ready callbacks only: a component never blocks, the host resumes it with events."""

    def __init__(self):
        self._ready = collections.deque()  # callbacks made outside any component task
        self._clock = None
        self._timers = {}  # id of a pending TimerHandle -> (component task, wait-for subtask)

    def _queue(self, context):
        task = (context if context is not None else contextvars.copy_context()).get(_owner)
        if task is None:
            task = _current
        return task.ready if task is not None else self._ready

    def call_soon(self, callback, *args, context=None):
        handle = asyncio.Handle(callback, args, self, context)
        self._queue(context).append(handle)
        return handle

    def call_later(self, delay, callback, *args, context=None):
        return self.call_at(self.time() + delay, callback, *args, context=context)

    def call_at(self, when, callback, *args, context=None):
        """A timer: a wait-for subtask of the monotonic clock, then the callback if not cancelled."""
        if self._clock is None:
            self._clock = _componentize.async_import_index(_WAIT_FOR)
            if self._clock is None:
                raise NotImplementedError(_NO_CLOCK)
        timer = asyncio.TimerHandle(when, callback, args, self, context)
        queue = self._queue(context)
        nanoseconds = max(0, int((when - self.time()) * 1_000_000_000))

        def fire(call):
            self._timers.pop(id(timer), None)
            _componentize.finish_import(call)
            if not timer.cancelled():
                queue.append(timer)

        subtask = _subtask(self._clock, (nanoseconds,), fire)
        if subtask is not None:
            self._timers[id(timer)] = subtask
        return timer

    def _timer_handle_cancelled(self, handle):
        """Cancels the timer's wait-for subtask."""
        subtask = self._timers.pop(id(handle), None)
        if subtask is not None:
            _cancel(*subtask)

    def create_future(self):
        return asyncio.Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        task = asyncio.Task(coro, loop=self, name=name, context=context)
        owner = (context if context is not None else contextvars.copy_context()).get(_owner)
        if owner is not None:
            owner.children.add(task)
            task.add_done_callback(owner.children.discard)
        return task

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

    def run_ready(self, task):
        """Runs `task`'s ready callbacks (and any made outside a task) until none is left."""
        while task.ready or self._ready:
            handle = (task.ready or self._ready).popleft()
            if not handle._cancelled:
                handle._run()


class _Task:
    """One call of an async export: a component-model task."""

    def __init__(self, number, export_index, name):
        self.number = number
        self.export_index = export_index
        self.name = name
        self.waitable_set = 0
        self.pending = {}  # subtask handle -> (its completion callback, the glue's pending call)
        self.waiting = {}  # stream or future end -> its copy's resolver (componentize_streams)
        self.ready = collections.deque()  # this task's ready asyncio callbacks
        self.children = set()  # its asyncio tasks that have not finished
        self.returned = False  # its export's coroutine has finished
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
        task.returned = True
        if future.cancelled():
            task.done = True
            task.failure = asyncio.CancelledError("the async export was cancelled")
            return
        failure = future.exception()
        if failure is not None:
            if _componentize.is_error_result(export_index, failure):
                _componentize.task_return(export_index, failure)
            else:
                task.done = True
                task.failure = failure
            return
        _componentize.task_return(export_index, future.result())

    def start():
        if not asyncio.iscoroutine(coroutine):
            raise TypeError(
                f"{name} is an async export: implement it with 'async def' (it returned"
                f" {type(coroutine).__name__})"
            )
        _owner.set(task)
        _the_loop().create_task(coroutine).add_done_callback(finished)

    return _drive(task, lambda: contextvars.copy_context().run(start))


def callback(event, handle, code):
    """Called by the glue with an event of the current task; returns the callback code."""
    task = _tasks[_componentize.context_get()]
    if task.waiting and handle in task.waiting:
        import componentize_streams

        componentize_streams.on_event(task, event, handle, code)
    elif event == _EVENT_SUBTASK and code in _RESOLVED and handle in task.pending:
        _resolved(task, handle)
    return _drive(task, None)


def _resolved(task, handle):
    completed, call = task.pending.pop(handle)
    _componentize.subtask_drop(handle)
    completed(call)


def _cancel(task, handle):
    """Cancels `task`'s subtask `handle` if it is still pending. subtask.cancel (the synchronous
    one) returns once the subtask has resolved, cancelled or returned: a result is dropped (its
    call's memory is freed with the call object)."""
    if handle not in task.pending:
        return
    task.pending[handle] = (lambda call: None, task.pending[handle][1])
    # The synchronous cancel traps on a subtask in a waitable set: it leaves the set first.
    _componentize.waitable_join(handle, 0)
    _componentize.subtask_cancel(handle)
    _resolved(task, handle)


def _drive(task, start):
    global _current
    loop = _the_loop()
    previous = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(loop)
    _current = task
    try:
        if start is not None:
            start()
        loop.run_ready(task)
        if (
            task.returned
            and not task.children
            and not task.pending
            and not task.waiting
            and task.failure is None
        ):
            # Returned, and nothing it started is left: no asyncio task, subtask or stream copy.
            task.done = True
    except BaseException as e:  # noqa: BLE001 - reported, then the glue traps
        task.done = True
        task.failure = e
    finally:
        _current = None
        asyncio.events._set_running_loop(previous)
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
        " subtask will complete (a future nobody resolves, or a thread);"
        " only async imports can be awaited across the host",
        file=sys.stderr,
    )
    return _FAILED


def call_import(index, *args):
    """Calls async import `index` and returns a future of its lifted result."""
    future = _the_loop().create_future()

    def resolve(call):
        try:
            value = _componentize.finish_import(call)
        except BaseException as e:  # noqa: BLE001 - handed to the awaiting coroutine
            if not future.cancelled():
                future.set_exception(e)
        else:
            if not future.cancelled():
                future.set_result(value)

    subtask = _subtask(index, args, resolve)
    if subtask is not None:
        future.add_done_callback(lambda f: _cancel(*subtask) if f.cancelled() else None)
    return future


def _subtask(index, args, completed):
    """Starts async import `index`; `completed(call)` runs once it has returned. Returns (component
    task, subtask handle), or None when the call returned at once."""
    task = _owner.get() or _current
    if task is None:
        raise RuntimeError(
            "an async import can only be awaited inside an async export (the component model"
            " runs it as a subtask of the export's task)"
        )
    status, call = _componentize.call_import_async(index, *args)
    if status & 0xF == _RETURNED:
        completed(call)
        return None
    handle = status >> 4
    if not task.waitable_set:
        task.waitable_set = _componentize.waitable_set_new()
    _componentize.waitable_join(handle, task.waitable_set)
    task.pending[handle] = (completed, call)
    return task, handle
