"""The EURA importer on the two real exports: placement, money columns, re-saved files, stray quotes."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.io.importers.eura import import_eura

FILES = {"2007-2013": "rakennerahastot_2007-2013.csv", "2014-2020": "rakennerahastot_2014-2020.csv"}


@pytest.fixture(scope="module")
def raw(shared_dir):
    return {period: (shared_dir / "sample-imports" / "eura" / name).read_bytes() for period, name in FILES.items()}


@pytest.fixture(scope="module")
def imported(raw, resolver):
    return {period: import_eura(data, resolver) for period, data in raw.items()}


def _row(result, code):
    return result.accepted.set_index("id").loc[code]


def test_counts_per_export(imported):
    assert imported["2007-2013"].counts() == {"read": 19940, "accepted": 19940, "recovered": 0, "rejected": 0}
    assert imported["2014-2020"].counts() == {"read": 2881, "accepted": 2877, "recovered": 1858, "rejected": 4}


def test_esf_south_section_is_placed_in_its_large_area_and_the_seat_in_helsinki(imported):
    hoiva = _row(imported["2007-2013"], "S10324")
    assert hoiva["location_precision"] == "large_area" and hoiva["large_area"] == "etela-suomi"
    assert hoiva["municipalities"] == "" and hoiva["regions"] == ""
    assert hoiva["location_basis"].startswith("programme section: Etelä-Suomen suuralueosio")
    assert "inference" in hoiva["location_basis"]  # the ESF South region list is inferred
    assert hoiva["implementer_municipality"] == "091"
    assert (hoiva["eu_state_granted_eur"], hoiva["eu_state_paid_eur"], hoiva["public_funding_eur"], hoiva["public_paid_eur"]) == (
        308999,
        308999,
        368999,
        366699,
    )


def test_national_section_is_national(imported):
    kit = _row(imported["2007-2013"], "S10325")
    assert kit["location_precision"] == "national" and kit["large_area"] == ""
    assert kit["implementer_municipality"] == ""  # "Päijät-Hämeen koulutuskonserni" names a region, not a seat
    national = imported["2007-2013"].accepted.query("programme == 'Valtakunnallinen osio'")
    assert len(national) == 728 and (national["location_precision"].isin(["national", "municipality"])).all()


def test_a_municipal_implementer_places_the_project_in_that_municipality(imported):
    sokli = _row(imported["2007-2013"], "A31759")
    assert sokli["location_precision"] == "municipality" and sokli["municipalities"] == "742"
    assert sokli["regions"] == "19" and sokli["large_area"] == "pohjois-suomi"
    assert sokli["implementer_municipality"] == "742"


def test_pirkanmaan_liitto_decided_for_lansi_suomi_not_for_pirkanmaa(imported):
    rows = imported["2014-2020"].accepted.query("funder == 'Pirkanmaan liitto'")
    assert len(rows) == 123
    samk = rows.loc[rows["implementer"] == "Satakunnan ammattikorkeakoulu Oy"]
    assert len(samk) == 10
    assert (samk["location_precision"] == "large_area").all() and (samk["large_area"] == "lansi-suomi").all()
    assert (samk["regions"] == "").all()  # not in Pirkanmaa (06)
    assert not (rows["regions"] == "06").any() or (rows.loc[rows["regions"] == "06", "location_precision"] == "municipality").all()
    pori = rows.loc[rows["implementer"] == "Porin kaupunki"]
    assert len(pori) > 0 and (pori["municipalities"] == "609").all()


def test_2014_bodies_by_their_area(imported):
    accepted = imported["2014-2020"].accepted
    by_funder = accepted.groupby("funder")
    large = {f: set(g.loc[g["location_precision"] == "large_area", "large_area"]) for f, g in by_funder}
    assert large["Hämeen ELY-keskus"] == {"etela-suomi"}
    assert large["Keski-Suomen ELY-keskus"] == {"lansi-suomi"}
    assert large["Etelä-Savon ELY-keskus"] == {"ita-suomi"}
    assert large["Pohjois-Pohjanmaan ELY-keskus"] == {"pohjois-suomi"}
    assert large["Uudenmaan liitto"] == {"etela-suomi"}
    lapin = accepted.query("funder == 'Lapin liitto' and location_precision == 'region'")
    assert len(lapin) > 0 and (lapin["regions"] == "19").all() and (lapin["large_area"] == "pohjois-suomi").all()
    tekes = accepted.query("funder == 'Tekes'")
    assert (tekes["location_precision"].isin(["unknown", "municipality"])).all()
    assert set(accepted["location_precision"]) == {"municipality", "region", "large_area", "unknown"}


def test_themes_only_from_documented_axes(imported):
    later = imported["2014-2020"].accepted
    assert set(later["themes"]) == {"", "business_development", "skills_employment"}
    assert (later.loc[later["themes"] == "business_development", "fund"] == "ERDF").all()
    assert (imported["2007-2013"].accepted["themes"] == "").all()  # no documented mapping for 2007-2013


def test_negative_paid_amounts_are_kept_as_stated(imported):
    # Money recovered after payment: the export says so, the record keeps it.
    assert _row(imported["2007-2013"], "S10194")["public_paid_eur"] < 0


def _resave(data: bytes, delimiter: str, newline: str, encoding: str) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return out.getvalue().encode(encoding)


def _canonical(result) -> pd.DataFrame:
    return result.accepted.drop(columns=["money_eur", "money_basis"]).reset_index(drop=True)


COMBINATIONS = [(d, n, e) for d in (",", ";", "\t") for n in ("\n", "\r\n") for e in ("utf-8", "utf-8-sig", "cp1252")]


@pytest.mark.parametrize(("delimiter", "newline", "encoding"), COMBINATIONS)
def test_a_resaved_2014_export_gives_the_same_records(raw, imported, resolver, delimiter, newline, encoding):
    again = import_eura(_resave(raw["2014-2020"], delimiter, newline, encoding), resolver)
    assert again.counts() == imported["2014-2020"].counts()
    pd.testing.assert_frame_equal(_canonical(again), _canonical(imported["2014-2020"]))


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(combination=st.sampled_from(COMBINATIONS))
def test_a_resaved_2007_export_gives_the_same_records(raw, imported, resolver, combination):
    again = import_eura(_resave(raw["2007-2013"], *combination), resolver)
    assert again.counts() == imported["2007-2013"].counts()
    pd.testing.assert_frame_equal(_canonical(again), _canonical(imported["2007-2013"]))


def test_a_stray_quote_is_reported_with_the_lines_it_would_swallow(raw, imported, resolver):
    lines = raw["2014-2020"].decode("utf-8").split("\n")
    assert lines[12].startswith("A70312,EAKR,Vienninedistäminen,")
    lines[12] = lines[12].replace("Vienninedistäminen", 'Vienninedistäminen "vaihe 2', 1)
    result = import_eura("\n".join(lines).encode("utf-8"), resolver)
    assert result.read == 2881  # physical records, not one swallowed row
    note = next(n for n in result.notes if n.startswith("line 13:"))
    assert "lines 13–2882 (2870 records)" in note
    assert result.counts()["accepted"] == imported["2014-2020"].counts()["accepted"]
    assert _row(result, "A70312")["name"] == 'Vienninedistäminen "vaihe 2'  # the stray quote is kept as written
    assert _row(result, "A70313")["name"] == "CAD"
