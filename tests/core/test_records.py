from pathlib import Path
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
    assert len(dataset.projects.accepted) == 23065  # the built records: both EURA exports merged with the curated ones
    assert dataset.projects.source_name == "built/projects.csv.gz"
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


def test_the_curated_file_alone_still_loads(resolver):
    from dashboard.core.records import default_data_dir, load_projects

    curated = load_projects(default_data_dir() / "projects.csv", resolver)
    assert curated.counts()["read"] == 261 and curated.rejected.empty


def test_location_precision_is_derived_and_checked(resolver):
    from dashboard.core.records import load_projects

    rows = pd.DataFrame(
        [
            {"id": "a", "name": "A", "municipalities": "Karstula"},
            {"id": "b", "name": "B", "regions": "Lappi"},
            {"id": "c", "name": "C", "large_area": "Itä-Suomi"},
            {"id": "d", "name": "D"},
            {"id": "e", "name": "E", "location_precision": "national"},
            {"id": "f", "name": "F", "location_precision": "region"},
            {"id": "g", "name": "G", "large_area": "Keski-Suomi"},
            {"id": "h", "name": "H", "regions": "Lappi", "location_precision": "municipality", "amount_precision": "ceiling"},
            {"id": "i", "name": "I", "amount_precision": "about"},
        ]
    )
    result = load_projects(rows, resolver)
    accepted = result.accepted.set_index("id")
    assert accepted["location_precision"].to_dict() == {"a": "municipality", "b": "region", "c": "large_area", "d": "unknown", "e": "national", "h": "municipality"}
    assert accepted.loc["c", "large_area"] == "ita-suomi" and accepted.loc["h", "amount_precision"] == "ceiling"
    reasons = dict(zip(result.rejected["id"], result.rejected["reason"]))
    assert reasons["f"] == "location_precision is region but no region is given"
    assert reasons["g"].startswith("unknown large_area 'Keski-Suomi'")
    assert reasons["i"].startswith("amount_precision must be empty or one of exact, rounded, ceiling")


def test_corrections_of_the_audit_are_in_the_data(dataset):
    projects = dataset.projects.accepted.set_index("id")
    assert projects.loc["alykkaat-kylat-lentoon", "leader"] == True and projects.loc["green-economy-nordic", "leader"] == True  # noqa: E712
    assert projects.loc["polar-magnets-pohjoisen-vetovoiman-kansainvalise", "leader"] == False  # noqa: E712
    assert projects.loc["luontovoimaa-ja-luontohoivaa-keski-suomesta-gree", "leader"] == False  # noqa: E712
    assert projects.loc["luontovoimaa-ja-luontohoivaa-keski-suomesta-gree", "location_precision"] == "municipality"  # covers all of Keski-Suomi
    assert projects.loc["work-stay-kokonainen-elama-koillismaalla", "amount_precision"] == "rounded"
    assert projects.loc["aivujarven-majan-kunnostus", "amount_precision"] == "ceiling"
    assert projects.loc["eckeros-motionsbacke", "status"] == "planned"
    services = dataset.services.accepted.set_index("id")
    assert (services.loc["np-selkameri", "lat"], services.loc["np-selkameri", "lon"]) == (61.53232, 21.59607)
    corrections = pd.read_csv(Path(__file__).resolve().parents[2] / "data" / "corrections.csv")
    assert len(corrections) == 83 and corrections["source_url"].str.startswith("http").all()


def test_the_shipped_services_carry_names_and_summaries_in_three_languages(dataset):
    services = dataset.services.accepted.set_index("id")
    assert len(services) == 210 and dataset.services.rejected.empty
    nuuksio = services.loc["np-nuuksio"]
    assert (nuuksio["name"], nuuksio["name_fi"], nuuksio["name_sv"], nuuksio["name_en"]) == (
        "Nuuksio National Park",
        "Nuuksion kansallispuisto",
        "Noux nationalpark",
        "Nuuksio National Park",
    )
    assert services.loc["nup-pori", "name_sv"] == "Björneborgs nationalstadspark"
    assert services.loc["svc-hotel-herkko", ["name_fi", "name_sv", "name_en"]].tolist() == ["Hotel Herkko"] * 3  # a proper name
    assert services.loc["nr-ruunaa", "name_fi"] == ""  # no sure Finnish name: empty, shown by the fallback
    for column in ("summary_fi", "summary_sv", "summary_en"):
        assert (services[column] != "").all(), column
    assert services.loc["np-nuuksio", "summary_fi"].endswith("Puiston tunnuslaji on liito-orava.")
    assert (services["summary_en"].str.rstrip(".") == services["summary"].str.rstrip(".")).all()  # the English original


def test_language_columns_are_optional_in_a_file(resolver):
    result = load_services(b"id,name,category,municipality\nx-1,Testipalvelu,activity,Karstula\n", resolver)
    assert len(result.accepted) == 1
    assert result.accepted.loc[0, ["name_sv", "summary_fi"]].tolist() == ["", ""]
