"""The text search of the nature page looks in every language's name and summary."""

from __future__ import annotations

import pandas as pd

from dashboard.query.filters import SERVICE_SEARCH_COLUMNS, ServiceFilters, apply_service_filters, search_haystack


def _found(services: pd.DataFrame, text: str) -> list[str]:
    return sorted(apply_service_filters(services, ServiceFilters(text=text), {})["id"])


def test_a_swedish_or_finnish_word_finds_the_service(dataset):
    services = dataset.services.accepted
    assert _found(services, "flygekorren") == ["np-nuuksio"]  # only in summary_sv
    assert _found(services, "Noux") == ["np-nuuksio"]  # only in name_sv
    assert _found(services, "liito-orava") == ["np-nuuksio"]  # only in summary_fi
    assert _found(services, "Björneborgs nationalstadspark") == ["nup-pori"]
    assert "np-nuuksio" in _found(services, "flying squirrel")  # the original English still found


def test_the_haystack_skips_columns_a_frame_lacks():
    frame = pd.DataFrame({"name": ["Koli"], "summary": [None], "name_sv": ["Koli nationalpark"]})
    assert search_haystack(frame, SERVICE_SEARCH_COLUMNS).tolist() == ["koli  koli nationalpark"]
