"""Run an import in a child process with its own memory and time limits.

An upload is untrusted work: a small file can unpack to gigabytes or take minutes. Run in
the server process, one such file slows every visitor's map and can take the server down.
In a child process it is bounded three ways — address space (``RLIMIT_AS``), CPU seconds
(``RLIMIT_CPU``) and wall time (the parent kills it) — and it shares no interpreter lock
with the server, so other sessions keep their speed. The parent can also stop waiting at
any moment (``on_wait`` raising, as Streamlit does when a session ends): the child is then
killed, so no work goes on after the tab is closed.

Children are forked from a *forkserver* (a clean single-threaded process that has already
imported pandas and the importers), so starting one costs milliseconds, not an import of
the whole stack.
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import time
import types
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator

DEFAULT_MEMORY_MB = 1536
DEFAULT_SECONDS = 60.0
PRELOAD = ["dashboard.io.uploads"]


class IsolatedError(Exception):
    """The child stopped without a result: ``reason`` is ``memory``, ``time`` or ``crash``."""

    def __init__(self, reason: str, message: str, limit: float) -> None:
        super().__init__(message)
        self.reason = reason
        self.limit = limit


@dataclass(frozen=True)
class Limits:
    memory_mb: int = DEFAULT_MEMORY_MB
    seconds: float = DEFAULT_SECONDS


_CONTEXT: multiprocessing.context.BaseContext | None = None


def _context() -> multiprocessing.context.BaseContext:
    global _CONTEXT
    if _CONTEXT is None:
        methods = multiprocessing.get_all_start_methods()
        _CONTEXT = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if _CONTEXT.get_start_method() == "forkserver":
            _CONTEXT.set_forkserver_preload(PRELOAD)
    return _CONTEXT


def _child(connection, limits: Limits, function: Callable, args: tuple, kwargs: dict) -> None:
    memory = limits.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(limits.seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        connection.send(("ok", function(*args, **kwargs)))
    except MemoryError:
        connection.send(("memory", None))
    except BaseException as exc:  # the parent re-raises it as it was
        try:
            connection.send(("error", exc))
        except Exception:  # an exception that cannot be pickled: keep its words
            connection.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        connection.close()


@contextmanager
def _plain_main() -> Iterator[None]:
    """Start children without re-running the parent's ``__main__``.

    multiprocessing re-imports the parent's main module in every child so that functions
    defined there can be found; under ``streamlit run`` (or Streamlit's AppTest) ``__main__``
    is the app script, which must not run again inside an import. The work functions live
    in importable modules, so the child is given an empty ``__main__`` instead.
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def run_isolated(
    function: Callable[..., Any],
    *args: Any,
    limits: Limits = Limits(),
    on_wait: Callable[[], None] | None = None,
    **kwargs: Any,
) -> Any:
    """``function(*args, **kwargs)`` in a child process; its result, or its exception re-raised.

    ``function`` and its arguments must be picklable (a module-level function). Raises
    :class:`IsolatedError` when the child runs out of memory or time or dies. ``on_wait`` is
    called about five times a second while waiting; if it raises, the child is killed and
    the exception propagates.
    """
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, limits, function, args, kwargs), daemon=True)
    with _plain_main():
        process.start()
    sender.close()
    deadline = time.monotonic() + limits.seconds
    try:
        while True:
            if receiver.poll(0.2):
                try:
                    status, value = receiver.recv()
                except EOFError:
                    status, value = "crash", None
                break
            if not process.is_alive():
                status, value = ("crash", None)
                break
            if time.monotonic() > deadline:
                status, value = ("time", None)
                break
            if on_wait is not None:
                on_wait()
    finally:
        if process.is_alive():
            process.kill()
        process.join(timeout=5)
        receiver.close()
    if status == "ok":
        return value
    if status == "error":
        raise value
    if status == "memory" or (status == "crash" and process.exitcode is not None and process.exitcode < 0 and _out_of_memory(process.exitcode)):
        raise IsolatedError("memory", f"reading the file needed more than {limits.memory_mb} MB of memory", limits.memory_mb)
    if status == "time" or process.exitcode == -24:  # SIGXCPU: the CPU limit
        raise IsolatedError("time", f"reading the file took longer than {limits.seconds:g} s", limits.seconds)
    raise IsolatedError("crash", f"reading the file stopped unexpectedly (exit code {process.exitcode})", 0)


def _out_of_memory(exitcode: int) -> bool:
    """A child killed by SIGSEGV/SIGABRT/SIGKILL under an address-space limit ran out of memory."""
    return -exitcode in (6, 9, 11)
