"""Untrusted work in a child process: results come back, limits hold, the server lives on."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from dashboard.core.readers import DataFormatError
from dashboard.io.isolated import IsolatedError, Limits, run_isolated


def add(a, b):
    return a + b


def pid():
    return os.getpid()


def refuse():
    raise DataFormatError("row 3: unknown fund 'XYZ'")


def hog_memory():
    blocks = []
    while True:
        blocks.append(bytearray(50 * 2**20))


def spin():
    while True:
        pass


def test_the_result_comes_back_from_another_process():
    assert run_isolated(add, 2, 3) == 5
    assert run_isolated(pid) != os.getpid()


def test_the_functions_own_error_is_raised_as_it_was():
    with pytest.raises(DataFormatError, match="unknown fund 'XYZ'"):
        run_isolated(refuse)


def test_memory_is_limited():
    with pytest.raises(IsolatedError) as error:
        run_isolated(hog_memory, limits=Limits(memory_mb=600, seconds=30))
    assert error.value.reason == "memory" and "600 MB" in str(error.value)


def test_time_is_limited():
    with pytest.raises(IsolatedError) as error:
        run_isolated(spin, limits=Limits(seconds=1.0))
    assert error.value.reason == "time" and "1 s" in str(error.value)


def test_a_caller_that_stops_waiting_kills_the_child():
    calls = []

    def stop_after_three():
        calls.append(1)
        if len(calls) >= 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_isolated(spin, limits=Limits(seconds=30), on_wait=stop_after_three)
    assert len(calls) == 3
    assert multiprocessing.active_children() == []  # killed and reaped, not left spinning
