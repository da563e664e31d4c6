import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.cli import main
from dashboard.io.importers import FORMATS, import_bytes
from dashboard.core.readers import DataFormatError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(scope="module")
def eura_dir(shared_dir):
    path = shared_dir / "sample-imports" / "eura"
    assert path.is_dir()
    return path


@pytest.fixture(scope="module")
def eura_2007(eura_dir, resolver):
    return import_bytes("eura", (eura_dir / "rakennerahastot_2007-2013.csv").read_bytes(), resolver)


@pytest.fixture(scope="module")
def eura_2014(eura_dir, resolver):
    return import_bytes("eura", (eura_dir / "rakennerahastot_2014-2020.csv").read_bytes(), resolver)


def _row(result, code):
    return result.accepted.set_index("id").loc[code]


def test_eura_2007_counts_add_up(eura_2007):
    counts = eura_2007.counts()
    assert counts == {"read": 19940, "accepted": 19940, "recovered": 0, "rejected": 0}


def test_eura_2014_damaged_file_counts_add_up(eura_2014):
    counts = eura_2014.counts()
    assert counts["read"] == 2881
    assert counts["accepted"] + counts["rejected"] == 2881
    assert counts == {"read": 2881, "accepted": 2877, "recovered": 1858, "rejected": 4}
    assert eura_2014.rejected["reason"].str.startswith("cannot tell the start and end dates apart").all()
    assert eura_2014.rejected["row"].is_unique


def test_eura_known_rows(eura_2007, eura_2014):
    hoiva = _row(eura_2007, "S10324")
    assert hoiva["name"] == "HoivaRekry"
    assert hoiva["fund"] == "ESF" and hoiva["period_canonical"] == "2007-2013"
    assert hoiva["funder"] == "Hämeen ELY-keskus"
    assert hoiva["start_date"] == pd.Timestamp("2008-04-01") and hoiva["end_date"] == pd.Timestamp("2010-12-31")
    assert hoiva["public_funding_eur"] == 368999
    assert hoiva["implementer"] == "Helsingin yliopiston Koulutus- ja kehittämiskeskus Palmenia"
    assert hoiva["municipalities"] == "" and hoiva["regions"] == ""  # an ELY centre does not place a project
    assert hoiva["status"] == "ended"
    sokli = _row(eura_2007, "A31759")
    assert sokli["fund"] == "ERDF" and sokli["funder"] == "Lapin liitto"
    assert sokli["municipalities"] == "742" and sokli["regions"] == "19"  # Savukosken kunta → Savukoski
    assert sokli["public_funding_eur"] == 177687
    assert sokli["programme"] == "Pohjois-Suomi"


def test_eura_recovers_shifted_and_swapped_rows(eura_2014):
    broken_quotes = _row(eura_2014, "A70499")
    assert broken_quotes["name"] == 'Musculo"-hieronta/lihashuoltoapuvälineen kehittäminen ja valmistus.'
    assert broken_quotes["funder"] == "Pohjois-Pohjanmaan ELY-keskus"
    assert broken_quotes["public_funding_eur"] == 15500
    comma_in_name = _row(eura_2014, "A70253")
    assert comma_in_name["name"] == "INKA EAKR Laiteläheinen tietoturvateknologia ja sovellutusmahdollisuudet, LaiTSo"
    assert comma_in_name["funder"] == "Tekes" and comma_in_name["public_funding_eur"] == 354500
    date_among_amounts = _row(eura_2014, "A70355")
    assert date_among_amounts["start_date"] == pd.Timestamp("2014-10-15")
    assert date_among_amounts["end_date"] == pd.Timestamp("2015-12-31")
    lost_start = _row(eura_2014, "A70359")
    assert pd.isna(lost_start["start_date"]) and lost_start["public_funding_eur"] == 425180
    split_implementer = _row(eura_2014, "S20518")
    assert split_implementer["implementer"] == "Pallokissat, Kuopio ry."
    assert split_implementer["name"] == "Kaikki Mukaan, KaMu-hanke"


def test_eura_placement_rules(eura_2014):
    accepted = eura_2014.accepted
    ely = accepted.loc[accepted["funder"] == "Keski-Suomen ELY-keskus"]
    placed = ely["municipalities"] != ""
    assert len(ely) > 400 and (~placed).sum() > 400
    assert ely.loc[placed, "implementer"].str.contains(r" (?:kunta|kaupunki)$").all()  # only a municipal implementer places it
    assert (ely.loc[~placed, "regions"] == "").all()
    council = accepted.loc[(accepted["funder"] == "Lapin liitto") & (accepted["municipalities"] == "")]
    assert len(council) > 0 and (council["regions"] == "19").all()
    municipal = accepted.loc[accepted["implementer"] == "Sodankylän kunta"]
    assert (municipal["municipalities"] == "758").all()
    assert accepted["funder"].str.contains("elinkeino-").sum() == 0  # every ELY name is cleaned


SEEDS = {
    "000": [{"name": "Älykkäät kylät lentoon", "period": "2023-2027", "period_canonical": "2021-2027", "implementer": "Kantri"}, {"name": "Green economy Nordic"}],
    "001": [
        {
            "name": "Sydänsuomen aluekehitystyölle pikastartti",
            "implementer": "Kehittämisyhtiö Karstulanseutu",
            "funder": "Keski-Suomen liitto",
            "start_date": pd.Timestamp("2022-12-01"),
            "end_date": pd.Timestamp("2024-06-30"),
            "budget_total_eur": 116475.0,
            "municipalities": "216;226;256;265;312;601;931",
            "status": "ended",
        }
    ],
    "002": [
        {
            "name": "Polar Magnets – Pohjoisen vetovoiman kansainväliset mahdollisuudet",
            "funder": "Lapin ELY-keskus",
            "fund": "EAFRD",
            "start_date": pd.Timestamp("2024-05-01"),
            "end_date": pd.Timestamp("2026-12-31"),
            "municipalities": "305;832",
            "regions": "19",
            "period_canonical": "2021-2027",
        }
    ],
    "003": [
        {
            "id": "267184",
            "name": "Yhteen hiileen -hanke",
            "implementer": "Kehittämisyhtiö Karstulanseutu Oy",
            "fund": "EAFRD",
            "programme": "Euroopan maaseuturahasto 2023–2027",
            "period_canonical": "2021-2027",
            "end_date": pd.Timestamp("2026-02-27"),
            "leader": True,
        }
    ],
    "004": [
        {
            "name": "LuontoVoimaa ja LuontoHoivaa Keski-Suomesta: Green Care -verkostosta virtaa luontopalveluihin",
            "implementer": "Kehittämisyhtiö Witas Oy",
            "funder": "Keski-Suomen ELY-keskus",
            "fund": "EAFRD",
            "start_date": pd.Timestamp("2021-01-01"),
            "end_date": pd.Timestamp("2021-12-31"),
            "regions": "13",
            "period_canonical": "2014-2020",
            "status": "ended",
        }
    ],
}


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_page_text_reads_the_seed_documents(shared_dir, resolver, prefix):
    path = next((shared_dir / "seeds").glob(f"{prefix}_*.txt"))
    result = import_bytes("page-text", path.read_bytes(), resolver)
    assert result.read == len(SEEDS[prefix]) == len(result.accepted)
    for expected, (_, row) in zip(SEEDS[prefix], result.accepted.iterrows()):
        for column, value in expected.items():
            assert row[column] == value, (column, row[column], value)
    if prefix == "001":
        assert result.provenance[0]["budget_total_eur"] == "Budjetti: 116 475 €"
        assert "Kannonkosken" in result.provenance[0]["municipalities"]
    if prefix == "002":
        assert result.accepted.iloc[0]["fund"] == "EAFRD"
        assert "maaseuturahastosta" in result.provenance[0]["fund"]


def test_page_text_without_a_project_is_rejected_with_a_reason(resolver):
    result = import_bytes("page-text", b"\n\n", resolver)
    assert result.counts()["rejected"] == 1


def test_rural_register_table(resolver):
    result = import_bytes("rural-register", (FIXTURES / "rural_register.csv").read_bytes(), resolver, filename="rural_register.csv")
    assert result.counts() == {"read": 2, "accepted": 1, "recovered": 0, "rejected": 1}
    row = result.accepted.iloc[0]
    assert row["id"] == "167925" and row["fund"] == "EAFRD" and row["period_canonical"] == "2014-2020"
    assert row["start_date"] == pd.Timestamp("2021-08-01") and row["end_date"] == pd.Timestamp("2022-08-15")
    assert row["leader"] == False and row["municipalities"] == "226" and row["status"] == "ended"  # noqa: E712
    assert result.rejected.loc[0, "reason"] == "id is empty"


def test_rural_register_excel(resolver, tmp_path):
    frame = pd.read_csv(FIXTURES / "rural_register.csv", dtype=str).fillna("")
    path = tmp_path / "rekisteri.xlsx"
    frame.to_excel(path, index=False)
    result = import_bytes("rural-register", path.read_bytes(), resolver, filename="rekisteri.xlsx")
    assert result.counts()["accepted"] == 1


def test_kml_folders_become_categories(resolver):
    result = import_bytes("kml", (FIXTURES / "mymaps_luontopalvelut.kml").read_bytes(), resolver)
    assert result.counts() == {"read": 5, "accepted": 2, "recovered": 0, "rejected": 3}
    by_name = result.accepted.set_index("name")
    assert by_name.loc["Testitila (Green Care)", "category"] == "green_care"
    assert by_name.loc["Testitila (Green Care)", "website"] == "https://example.org/testitila"
    assert by_name.loc["Testimökit", "category"] == "accommodation"
    reasons = " | ".join(result.rejected["reason"])
    assert "no point coordinates" in reasons and "outside Finland" in reasons and "without a name" in reasons


def test_kmz_is_unpacked(resolver):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("doc.kml", (FIXTURES / "mymaps_luontopalvelut.kml").read_bytes())
    result = import_bytes("kml", buffer.getvalue(), resolver)
    assert result.counts()["accepted"] == 2


def test_kml_entity_expansion_is_refused(resolver):
    bomb = b'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><kml xmlns="http://www.opengis.net/kml/2.2">&b;</kml>'
    with pytest.raises(DataFormatError):
        import_bytes("kml", bomb, resolver)


def test_osm_geojson_export(resolver):
    result = import_bytes("geojson", (FIXTURES / "overpass_export.geojson").read_bytes(), resolver)
    assert result.counts() == {"read": 7, "accepted": 4, "recovered": 0, "rejected": 3}
    by_id = result.accepted.set_index("id")
    assert by_id.loc["osm-node-1001", "category"] == "accommodation"
    assert by_id.loc["osm-node-1001", "provider"] == "Metsähallitus"
    assert by_id.loc["osm-node-1001", "source_url"] == "https://www.openstreetmap.org/node/1001"
    assert by_id.loc["osm-way-2001", "category"] == "nature_reserve"
    assert by_id.loc["osm-relation-3001", "category"] == "national_park"


def test_kohesio_places_by_point_or_nuts3(resolver):
    result = import_bytes("kohesio", (FIXTURES / "kohesio_fi_sample.csv").read_bytes(), resolver)
    assert result.counts() == {"read": 5, "accepted": 3, "recovered": 0, "rejected": 2}
    by_id = result.accepted.set_index("id")
    assert by_id.loc["TEST-001", "municipalities"] == "179"  # the point lies in Jyväskylä
    assert by_id.loc["TEST-001", "budget_total_eur"] == 250000.5
    assert by_id.loc["TEST-002", "regions"] == "19" and by_id.loc["TEST-002", "municipalities"] == ""  # FI1D7 = Lappi
    assert by_id.loc["TEST-002", "fund"] == "ESF+" and by_id.loc["TEST-002", "period_canonical"] == "2021-2027"
    assert by_id.loc["TEST-004", "regions"] == "" and by_id.loc["TEST-004", "fund"] == "JTF"
    assert set(result.rejected["reason"]) == {"end_date is before start_date", "empty row"}


def test_canonical_import_handles_encodings_delimiters_and_column_order(resolver):
    frame = pd.DataFrame(
        {
            "themes": ["youth", "green_care"],
            "name": ["Nuorten kylätalo Äänekoskella", "Hoivatila"],
            "budget_total_eur": ["1 234,50", "2000"],
            "id": ["c1", "c2"],
            "municipalities": ["Äänekoskella", "Karstula"],
        }
    )
    text = "\n" + frame.to_csv(index=False, sep=";") + "\n\n"
    for encoding in ("utf-8", "utf-8-sig", "cp1252"):
        result = import_bytes("canonical", text.encode(encoding), resolver, kind="projects")
        assert result.counts()["accepted"] == 2, (encoding, result.rejected)
        assert result.accepted.set_index("id").loc["c1", "budget_total_eur"] == 1234.5
        assert result.accepted.set_index("id").loc["c1", "name"] == "Nuorten kylätalo Äänekoskella"
        assert result.read == len(result.accepted) + len(result.rejected)


@pytest.mark.parametrize(
    "format_name, payload",
    [
        ("eura", b"just,some,columns\n1,2,3\n"),
        ("kml", b"id,name\n1,x\n"),
        ("geojson", b"<kml></kml>"),
        ("kohesio", b"id,name\n1,x\n"),
        ("rural-register", b"foo,bar\n1,2\n"),
        ("canonical", b"foo,bar\n1,2\n"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_a_clear_error(resolver, format_name, payload):
    with pytest.raises(DataFormatError):
        import_bytes(format_name, payload, resolver, kind=None)


EURA_HEADER = "Koodi,Rahasto,Hankkeen nimi,Tl,Viranomainen,Tila,Aloituspvm,Päättymispvm,Toteuttajan nimi,Myönnetty EU- ja valtion rahoitus,Toteutunut EU- ja valtion rahoitus,Suunniteltu julkinen rahoitus yhteensä,Toteutunut julkinen rahoitus yhteensä;\n"
cell = st.one_of(
    st.sampled_from(["A70253", "EAKR", "ESR", "1", "Lapin liitto", "Toiminnassa", "1.1.2015", "31.12.2016", "Oy", "1000", "", "Keski-Suomen elinkeino-", " liikenne- ja ympäristökeskus"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(cell, min_size=0, max_size=16), min_size=1, max_size=12))
def test_eura_counts_add_up_for_any_rows(resolver, rows):
    body = "\n".join(",".join(r) for r in rows)
    try:
        result = import_bytes("eura", (EURA_HEADER + body).encode("utf-8"), resolver)
    except DataFormatError:
        return
    assert result.read == len(result.accepted) + len(result.rejected)
    assert 0 <= result.recovered <= len(result.accepted)


from dashboard.io.importers.registry import REGISTRY  # noqa: E402

SUFFIXES = {f.name: f.suffixes for f in REGISTRY}


def _zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


hostile_payload = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    st.builds(lambda head, body: (head + "\n" + body).encode("cp1252", "replace"), st.sampled_from(["id,name,fund", "Hankenumero;Ohjelma/Rahasto", "Operation_Unique_Identifier,Operation_Name_Programme_Language", "Koodi,Rahasto"]), st.text(max_size=200)),
    st.builds(lambda body: b'<kml xmlns="http://www.opengis.net/kml/2.2"><Document>' + body.encode() + b"</Document></kml>", st.text(max_size=200)),
    st.builds(lambda body: json.dumps({"type": "FeatureCollection", "features": body}).encode(), st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=5), st.dictionaries(st.sampled_from(["type", "geometry", "properties"]), st.one_of(st.none(), st.text(max_size=5), st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2)), max_size=3)), max_size=4)),
    st.builds(lambda name, content: _zipped({name: content}), st.sampled_from(["doc.kml", "xl/workbook.xml", "[Content_Types].xml"]), st.binary(max_size=200)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.sampled_from(FORMATS), st.data(), hostile_payload)
def test_any_bytes_give_counts_or_a_clear_error(resolver, format_name, data, payload):
    """Random and malformed bytes into every importer, under every suffix it takes: counts add up or a DataFormatError."""
    suffix = data.draw(st.sampled_from(SUFFIXES[format_name]))
    kind = data.draw(st.sampled_from([None, "projects", "services"]))
    try:
        result = import_bytes(format_name, payload, resolver, kind=kind, filename=f"upload{suffix}")
    except DataFormatError as exc:
        assert str(exc)  # a message a person can read
        return
    assert result.read == len(result.accepted) + len(result.rejected)
    assert 0 <= result.recovered <= len(result.accepted)


def test_cli_import_json(tmp_path, capsys, eura_dir, geodata_dir):
    output = tmp_path / "eura2014.csv"
    code = main(["import", "--format", "eura", str(eura_dir / "rakennerahastot_2014-2020.csv"), "-o", str(output), "--json"])
    assert code == 0
    lines = capsys.readouterr().out.strip().splitlines()
    summary = json.loads(lines[-1])
    assert summary == {"read": 2881, "accepted": 2877, "recovered": 1858, "rejected": 4, "rejects_file": str(tmp_path / "eura2014.rejects.csv")}
    assert len(pd.read_csv(output, dtype=str)) == 2877
    assert len(pd.read_csv(tmp_path / "eura2014.rejects.csv")) == 4
    # The output is canonical: it validates with 0 rejected.
    assert main(["validate", str(output), "--kind", "projects"]) == 0


def test_cli_import_page_text_writes_the_evidence(tmp_path, capsys, shared_dir, geodata_dir):
    seed = next((shared_dir / "seeds").glob("001_*.txt"))
    output = tmp_path / "sivu.csv"
    assert main(["import", "--format", "page-text", str(seed), "-o", str(output), "--json"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["accepted"] == 1
    evidence = json.loads((tmp_path / "sivu.provenance.json").read_text(encoding="utf-8"))
    assert evidence[0]["id"] == "sydansuomen-aluekehitystyolle-pikastartti"
    assert evidence[0]["fields"]["budget_total_eur"] == "Budjetti: 116 475 €"


def test_cli_import_unknown_file_is_a_clear_error(tmp_path, capsys):
    assert main(["import", "--format", "kml", str(tmp_path / "missing.kml")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_upload_detects_the_format_and_rejects_id_clashes(resolver, eura_dir):
    from dashboard.io.uploads import detect_format, validate_upload

    assert detect_format("x.csv", (eura_dir / "rakennerahastot_2007-2013.csv").read_bytes()[:2000]) == "eura"
    assert detect_format("x.kml", b"") == "kml"
    assert detect_format("sivu.txt", b"Hanke") == "page-text"
    assert detect_format("x.csv", (FIXTURES / "kohesio_fi_sample.csv").read_bytes()) == "kohesio"
    result = validate_upload("kohesio.csv", (FIXTURES / "kohesio_fi_sample.csv").read_bytes(), resolver, existing_ids={"TEST-001"})
    assert result.counts()["accepted"] == 2 and result.counts()["rejected"] == 3
    assert "already used by the shipped data" in " ".join(result.rejected["reason"])
    with pytest.raises(DataFormatError, match="not accepted"):
        validate_upload("kuva.png", b"\x89PNG", resolver)
    with pytest.raises(DataFormatError, match=r"limit is 20 MiB \(20,971,520 bytes\)"):
        validate_upload("iso.csv", b"a" * (20 * 1024 * 1024 + 1), resolver)
