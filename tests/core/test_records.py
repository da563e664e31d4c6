import io

import pandas as pd
import pytest

from dashboard.core.readers import DataFormatError
from dashboard.core.records import load_leader_groups, load_projects, load_services
from dashboard.core.vocab import PROJECT_COLUMNS, SERVICE_COLUMNS


def _projects_csv(*rows: dict) -> bytes:
    frame = pd.DataFrame([{c: "" for c in PROJECT_COLUMNS} | row for row in rows], columns=list(PROJECT_COLUMNS))
    return frame.to_csv(index=False).encode("utf-8")


def _services_csv(*rows: dict) -> bytes:
    frame = pd.DataFrame([{c: "" for c in SERVICE_COLUMNS} | row for row in rows], columns=list(SERVICE_COLUMNS))
    return frame.to_csv(index=False).encode("utf-8")


GOOD = {
    "id": "p1",
    "name": "Sydänsuomen aluekehitystyölle pikastartti",
    "fund": "unknown",
    "start_date": "1.12.2022",
    "end_date": "30.6.2024",
    "budget_total_eur": "116 475 €",
    "municipalities": "Kannonkosken; Karstulan; Kinnulan; Kivijärven; Kyyjärven; Pihtiputaan; Viitasaaren",
    "themes": "community_cooperation;business_development",
    "leader": "ei",
    "status": "ended",
    "source_url": "https://sydansuomessa.fi/hanke/sydansuomen-aluekehitystyolle-pikastartti/",
}


def test_shipped_data_has_no_rejected_row(dataset):
    for name, result in dataset.results().items():
        assert result.rejected.empty, (name, result.rejected[["row", "reason"]].to_dict("records"))
    assert len(dataset.projects.accepted) == 261
    assert len(dataset.services.accepted) == 210
    assert len(dataset.leader_groups.accepted) == 300
    assert dataset.leader_groups.accepted["leader_group"].nunique() == 53


def test_seed_projects_are_in_the_shipped_data(dataset):
    projects = dataset.projects.accepted.set_index("name")
    pikastartti = projects.loc["Sydänsuomen aluekehitystyölle pikastartti"]
    assert pikastartti["budget_total_eur"] == 116475
    assert pikastartti["start_date"] == pd.Timestamp("2022-12-01")
    assert pikastartti["end_date"] == pd.Timestamp("2024-06-30")
    assert pikastartti["municipalities"] == "216;226;256;265;312;601;931"
    assert pikastartti["period_canonical"] == "2021-2027"
    hiili = projects.loc["Yhteen hiileen -hanke"]
    assert hiili["id"] == "267184" and bool(hiili["leader"]) and hiili["leader_group"] == "Leader Viisari"
    assert hiili["period_canonical"] == "2021-2027"
    polar = projects.loc["Polar Magnets – Pohjoisen vetovoiman kansainväliset mahdollisuudet"]
    assert polar["fund"] == "EAFRD" and polar["regions"] == "19;17"
    assert {"305", "832"} <= set(polar["municipalities"].split(";"))
    green_care = projects.loc["LuontoVoimaa ja LuontoHoivaa Keski-Suomesta: Green Care -verkostosta virtaa luontopalveluihin"]
    assert green_care["period_canonical"] == "2014-2020"  # EAFRD 2021 = transition years of 2014-2020
    assert {"Älykkäät kylät lentoon", "Green economy Nordic"} <= set(projects.index)
    assert projects["source_url"].str.startswith("http").all()


def test_a_good_row_is_parsed_and_resolved(resolver):
    result = load_projects(_projects_csv(GOOD), resolver)
    assert result.counts() == {"read": 1, "accepted": 1, "rejected": 0, "warnings": 0}
    row = result.accepted.iloc[0]
    assert row["budget_total_eur"] == 116475.0
    assert row["municipalities"] == "216;226;256;265;312;601;931"
    assert row["regions"] == "13"  # filled from the municipalities
    assert row["leader"] is False or row["leader"] == False  # noqa: E712 (nullable boolean)
    assert row["money_eur"] == 116475.0 and row["money_basis"] == "budget_total"


@pytest.mark.parametrize(
    "change, reason",
    [
        ({"end_date": "1.1.2020"}, "end_date is before start_date"),
        ({"budget_total_eur": "-100"}, "budget_total_eur is negative"),
        ({"public_funding_eur": "-1 000,50 €"}, "public_funding_eur is negative"),
        ({"fund": "EAGF"}, "fund must be one of"),
        ({"themes": "tourism"}, "unknown theme 'tourism'"),
        ({"status": "paused"}, "status must be one of"),
        ({"period_canonical": "2000-2006"}, "period_canonical must be one of"),
        ({"start_date": "31.2.2023"}, "start_date: date '31.2.2023' does not exist"),
        ({"budget_total_eur": "paljon"}, "budget_total_eur: amount 'paljon' is not a number"),
        ({"leader": "maybe"}, "leader: 'maybe' is not yes/no"),
        ({"municipalities": "Atlantis"}, "unknown municipality 'Atlantis' (did you mean:"),
        ({"regions": "Middle Earth"}, "unknown region 'Middle Earth'"),
        ({"source_url": "javascript:alert(1)"}, "source_url must be a web address"),
        ({"id": ""}, "id is empty"),
        ({"name": ""}, "name is empty"),
    ],
)
def test_each_rejection_reason(resolver, change, reason):
    result = load_projects(_projects_csv(GOOD | change), resolver)
    assert result.counts()["rejected"] == 1 and result.counts()["accepted"] == 0
    assert reason in result.rejected.loc[0, "reason"]
    assert result.rejected.loc[0, "row"] == 2


def test_duplicate_ids_keep_the_first_and_reject_the_rest(resolver):
    result = load_projects(_projects_csv(GOOD, GOOD | {"name": "copy"}, GOOD | {"id": "p2"}), resolver)
    assert result.counts()["read"] == 3
    assert result.accepted["id"].tolist() == ["p1", "p2"]
    assert result.rejected["row"].tolist() == [3]
    assert "duplicate id" in result.rejected.loc[0, "reason"]


def test_all_reasons_of_a_row_are_reported_together(resolver):
    result = load_projects(_projects_csv(GOOD | {"fund": "X", "budget_total_eur": "-1", "themes": "nope"}), resolver)
    reason = result.rejected.loc[0, "reason"]
    assert "fund must be one of" in reason and "negative" in reason and "unknown theme 'nope'" in reason


def test_counts_add_up_with_empty_and_overlong_rows(resolver):
    text = _projects_csv(GOOD).decode() + "\n" + ",".join(["x"] * (len(PROJECT_COLUMNS) + 2)) + "\n"
    result = load_projects(text.encode(), resolver)
    assert result.read == 3 == len(result.accepted) + len(result.rejected)
    reasons = result.rejected["reason"].tolist()
    assert "empty row" in reasons
    assert any("more fields than the header" in r for r in reasons)


def test_missing_amounts_are_unknown_not_zero(resolver):
    result = load_projects(_projects_csv(GOOD | {"budget_total_eur": "", "public_funding_eur": "5 000"}, GOOD | {"id": "p2", "budget_total_eur": ""}), resolver)
    money = result.accepted.set_index("id")
    assert money.loc["p1", "money_eur"] == 5000 and money.loc["p1", "money_basis"] == "public_funding"
    assert pd.isna(money.loc["p2", "money_eur"]) and money.loc["p2", "money_basis"] == "unknown"


def test_a_file_that_is_not_a_projects_file_is_a_clear_error(resolver):
    with pytest.raises(DataFormatError, match="does not look like a projects file"):
        load_projects(b"foo,bar\n1,2\n", resolver)
    with pytest.raises(DataFormatError, match="binary"):
        load_projects(b"\x89PNG\r\n\x1a\n\x00\x00", resolver)


def test_semicolon_and_windows_1252_files_are_read(resolver):
    frame = pd.read_csv(io.StringIO(_projects_csv(GOOD | {"name": "Kylätalo Äänekoskella"}).decode()), dtype=str, keep_default_na=False)
    data = frame.to_csv(index=False, sep=";").encode("cp1252")
    result = load_projects(data, resolver)
    assert result.counts()["accepted"] == 1, result.rejected.to_dict("records")
    assert result.accepted.loc[0, "name"] == "Kylätalo Äänekoskella"


SERVICE = {
    "id": "s1",
    "name": "Nuuksio National Park",
    "category": "national_park",
    "municipality": "Espoo",
    "lat": "60.30750",
    "lon": "24.49917",
    "location_precision": "exact",
    "source_url": "https://en.wikipedia.org/wiki/Nuuksio_National_Park",
}


@pytest.mark.parametrize(
    "change, reason",
    [
        ({"lat": "24.49917", "lon": "60.30750"}, "latitude and longitude look swapped"),
        ({"lat": "52.52", "lon": "13.40"}, "latitude is outside Finland"),
        ({"lat": "60.3", "lon": "40.0"}, "longitude is outside Finland"),
        ({"category": "spa"}, "category must be one of"),
        ({"lat": "60.3", "lon": ""}, "lat and lon must be given together"),
        ({"lat": "", "lon": "", "municipality": ""}, "no location: give lat/lon or a municipality"),
        ({"lat": "", "lon": ""}, "location_precision is exact but lat/lon are missing"),
        ({"municipality": "Narnia"}, "unknown municipality 'Narnia'"),
    ],
)
def test_service_rejection_reasons(resolver, change, reason):
    result = load_services(_services_csv(SERVICE | change), resolver)
    assert result.counts()["rejected"] == 1, result.accepted.to_dict("records")
    assert reason in result.rejected.loc[0, "reason"]


def test_service_known_only_by_municipality_is_accepted(resolver):
    result = load_services(_services_csv(SERVICE | {"lat": "", "lon": "", "location_precision": ""}), resolver)
    assert result.counts()["accepted"] == 1
    assert result.accepted.loc[0, "location_precision"] == "municipality"
    assert result.accepted.loc[0, "municipality"] == "049"


def test_decimal_comma_coordinates(resolver):
    result = load_services(_services_csv(SERVICE | {"lat": "60,3075", "lon": "24,49917"}), resolver)
    assert result.accepted.loc[0, "lat"] == pytest.approx(60.3075)


def test_leader_groups_resolve_and_reject(resolver):
    data = (
        "leader_group,municipality,partial,period,source_url\n"
        "Leader Viisari,Karstula,no,2014-2020,https://example.org/a\n"
        "Leader Viisari,Nowhereville,no,2014-2020,https://example.org/a\n"
        "Leader Viisari,Karstula,no,2014-2020,https://example.org/a\n"
    ).encode()
    result = load_leader_groups(data, resolver)
    assert result.counts()["read"] == 3
    assert result.accepted["municipality"].tolist() == ["226"]
    assert "unknown municipality 'Nowhereville'" in result.rejected.loc[0, "reason"]
    assert "earlier row" in result.rejected.loc[1, "reason"]
