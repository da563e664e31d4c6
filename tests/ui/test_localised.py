"""Data text in the page language, with the fallback order of dashboard/ui/localised.py."""

from __future__ import annotations

import pandas as pd

from dashboard.ui.localised import localised, localised_text, text_columns


def test_the_fallback_order_per_language():
    assert text_columns("name", "sv") == ("name_sv", "name_fi", "name_en", "name")
    assert text_columns("summary", "en") == ("summary_en", "summary_fi", "summary_sv", "summary")
    assert text_columns("summary", "fi") == ("summary_fi", "summary_sv", "summary_en", "summary")


def test_a_row_falls_back_to_the_other_languages_then_the_original():
    row = {"name": "Kevo Strict Nature Reserve", "name_fi": "Kevon luonnonpuisto", "name_sv": "", "name_en": None}
    assert localised_text(row, "name", "fi") == "Kevon luonnonpuisto"
    assert localised_text(row, "name", "sv") == "Kevon luonnonpuisto"  # no Swedish name: the Finnish one
    assert localised_text(row, "name", "en") == "Kevon luonnonpuisto"  # name_en empty: fi before the original
    assert localised_text({"name": "Purola Farm"}, "name", "sv") == "Purola Farm"  # old shape: the original
    assert localised_text({"summary": None}, "summary", "fi") == ""


def test_a_frame_gives_one_text_per_row():
    frame = pd.DataFrame(
        {
            "name": ["Nuuksio National Park", "Purola Farm", "Ruunaa Nature Reserve"],
            "name_fi": ["Nuuksion kansallispuisto", "", ""],
            "name_sv": ["Noux nationalpark", "", ""],
            "name_en": ["Nuuksio National Park", "", None],
        },
        index=[10, 11, 12],
    )
    assert localised_text(frame, "name", "sv").tolist() == ["Noux nationalpark", "Purola Farm", "Ruunaa Nature Reserve"]
    assert localised_text(frame, "name", "fi").index.tolist() == [10, 11, 12]
    swapped = localised(frame, "fi")
    assert swapped["name"].tolist() == ["Nuuksion kansallispuisto", "Purola Farm", "Ruunaa Nature Reserve"]
    assert "summary" not in swapped  # a field the frame does not have is not invented


def test_the_shipped_services_read_in_swedish(dataset):
    services = dataset.services.accepted.set_index("id")
    names = localised_text(services, "name", "sv")
    summaries = localised_text(services, "summary", "sv")
    assert names["np-nuuksio"] == "Noux nationalpark"
    assert names["np-sipoonkorpi"] == "Sibbo storskogs nationalpark"
    assert names["snr-kevo"] == "Kevon luonnonpuisto"  # no Swedish name known: the Finnish one
    assert summaries["np-nuuksio"].startswith("Skogs- och sjöpark nära Helsingfors")
    assert (summaries != "").all() and (localised_text(services, "summary", "fi") != "").all()
