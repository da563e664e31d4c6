"""Limits: messages with a key and parameters, per-import overrides, the wall-time check."""

import threading

import pytest

from dashboard.core import limits


def test_every_message_names_the_limit_and_the_figure_found():
    error = limits.LimitError("rows", limit=200_000, found="1,000,000 lines after the header")
    assert error.key == "rows" and error.params == {"limit": 200_000, "found": "1,000,000 lines after the header"}
    assert str(error) == "the file has more than 200,000 rows (1,000,000 lines after the header); the limit is 200,000 rows"
    assert isinstance(error, limits.DataFormatError)
    assert limits.message("zip_ratio", member="doc.kml", found=1030, limit=100) == "'doc.kml' unpacks 1030× its packed size (a zip bomb?); the limit is 100×"


def test_file_size_is_stated_in_bytes_and_mib():
    with pytest.raises(limits.LimitError) as error:
        limits.check_bytes(20 * limits.MiB + 1)
    assert str(error.value) == "the file is 20,971,521 bytes (20.00 MiB); the limit is 20 MiB (20,971,520 bytes)"
    limits.check_bytes(20 * limits.MiB)


def test_defaults():
    defaults = limits.DEFAULT_LIMITS
    assert (defaults.max_rows, defaults.max_unpacked_bytes, defaults.max_bytes) == (200_000, 200 * limits.MiB, 20 * limits.MiB)
    assert defaults.raised(max_rows=500_000, max_seconds=None) == limits.Limits(max_rows=500_000)


def test_applied_limits_are_per_context_and_nest():
    assert limits.current() is limits.DEFAULT_LIMITS
    small = limits.Limits(max_rows=5)
    with limits.applied(small):
        assert limits.current() is small
        with limits.applied():  # an inner import keeps the outer limits and clock
            assert limits.current() is small
        seen = []
        thread = threading.Thread(target=lambda: seen.append(limits.current()))
        thread.start()
        thread.join()
        assert seen == [limits.DEFAULT_LIMITS]  # another session's thread is not affected
    assert limits.current() is limits.DEFAULT_LIMITS


def test_wall_time_limit():
    limits.check_time()  # no active import: nothing to check
    with limits.applied(limits.Limits(max_seconds=0.0)):
        with pytest.raises(limits.LimitError) as error:
            limits.check_time()
    assert error.value.key == "seconds" and error.value.params["limit"] == 0.0


def test_limits_table_states_the_defaults():
    table = limits.limits_table()
    assert "| rows (also a sheet's claimed dimension, KML placemarks, GeoJSON features) | 200,000 | `--max-rows` |" in table
    assert "| unpacked size (xlsx, kmz, gzip) | 200 MiB | `--max-unpacked-mb` |" in table
