"""The page-text importer on 24 real project pages it was not written against.

``../shared/sample-imports/pages/truth.json`` holds, per page, what a careful person reads
from the text alone. Per field we count recall (of the filled truth values, how many the
importer got right) and precision (of the values it filled, how many are right); a wrong
value is worse than an empty one, so precision has the higher bar.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.core.authorities import clean_funder
from dashboard.io.importers import import_bytes

FIELDS = ("name", "implementer", "funder", "fund", "start_date", "end_date", "budget_total_eur", "public_funding_eur", "municipalities", "regions", "leader")
LIST_FIELDS = ("municipalities", "regions")
RECALL, PRECISION = 0.90, 0.95


def _pages(shared_dir: Path) -> Path:
    path = shared_dir / "sample-imports" / "pages"
    if not (path / "truth.json").is_file():
        pytest.skip(f"no sample pages at {path}")
    return path


def _text(value: str) -> str:
    """Compare names the way a reader does: case, dashes, spacing and a trailing '-hanke' aside."""
    text = re.sub(r"[‐‑‒–—−]", "-", str(value)).casefold()
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    return re.sub(r"(?:\s*-|\s+)hanke$", "", text)


def _organisations(value: str) -> frozenset[str]:
    """An organisation list; the legal form (ry, Oy, sr) and space/hyphen variants are the same body."""
    items = set()
    for part in str(value).split(";"):
        part = clean_funder(part).casefold().replace("-", " ")
        part = re.sub(r"\b(ry|r\.y\.|oy|oyj|sr|rf|ab)\b\.?", "", part)
        part = re.sub(r"\s+", " ", part).strip(" .,")
        if part:
            items.add(part)
    return frozenset(items)


def _truth_value(field: str, value, resolver):
    """The truth in the importer's terms (codes for places, floats for money); None = not stated."""
    if value in (None, "", []) or (field == "fund" and value == "unknown"):
        return None
    if field in LIST_FIELDS:
        resolve = resolver.resolve_municipality if field == "municipalities" else resolver.resolve_region
        codes = []
        for name in value:
            result = resolve(name)
            assert result.ok and result.method in ("name", "alias"), (field, name)
            codes.append(result.code)
        return frozenset(codes)
    if field in ("budget_total_eur", "public_funding_eur"):
        return round(float(value), 2)
    if field in ("start_date", "end_date"):
        return str(value)
    if field == "leader":
        return bool(value)
    if field in ("implementer", "funder"):
        return _organisations(value)
    if field == "name":
        return _text(value)
    return value


def _found_value(field: str, row: pd.Series):
    value = row[field]
    if value is None or (not isinstance(value, (list, frozenset)) and pd.isna(value)) or value == "":
        return None
    if field in LIST_FIELDS:
        return frozenset(str(value).split(";"))
    if field in ("budget_total_eur", "public_funding_eur"):
        return round(float(value), 2)
    if field in ("start_date", "end_date"):
        return pd.Timestamp(value).date().isoformat()
    if field == "leader":
        return bool(value)
    if field == "fund":
        return None if value == "unknown" else value
    if field in ("implementer", "funder"):
        return _organisations(value) or None
    if field == "name":
        return _text(value)
    return value


def _results(shared_dir, resolver):
    pages = _pages(shared_dir)
    truth = json.loads((pages / "truth.json").read_text(encoding="utf-8"))
    out = {}
    for filename, expected in sorted(truth.items()):
        result = import_bytes("page-text", (pages / filename).read_bytes(), resolver)
        if result.counts()["accepted"] != 1:  # a rejected page counts as all fields empty
            out[filename] = (expected, pd.Series({f: None for f in FIELDS}), {})
            continue
        row = result.accepted.iloc[0]
        out[filename] = (expected, row, result.provenance[0])
    return out


def score(results, resolver) -> pd.DataFrame:
    """Per field: truth values, found values, correct ones, recall and precision.

    Lists (municipalities, regions) count per place: a page naming four municipalities of which
    three are found gives 3/4 recall.
    """
    rows = []
    for field in FIELDS:
        filled = found = correct = 0
        for expected, row, _ in results.values():
            truth = _truth_value(field, expected[field], resolver)
            got = _found_value(field, row)
            if field in LIST_FIELDS:
                truth, got = truth or frozenset(), got or frozenset()
                filled += len(truth)
                found += len(got)
                correct += len(truth & got)
                continue
            filled += truth is not None
            found += got is not None
            correct += truth is not None and got == truth
        rows.append({"field": field, "filled": filled, "found": found, "correct": correct})
    table = pd.DataFrame(rows)
    total = table[["filled", "found", "correct"]].sum()
    table = pd.concat([table, pd.DataFrame([{"field": "overall", **total.to_dict()}])], ignore_index=True)
    table["recall"] = (table["correct"] / table["filled"]).round(3)
    table["precision"] = (table["correct"] / table["found"].where(table["found"] > 0)).fillna(1.0).round(3)
    return table


def mistakes(results, resolver) -> list[str]:
    """Readable list of every miss and every wrong value (printed when a threshold fails)."""
    lines = []
    for filename, (expected, row, _) in results.items():
        for field in FIELDS:
            truth = _truth_value(field, expected[field], resolver)
            got = _found_value(field, row)
            if field in LIST_FIELDS:
                truth, got = truth or frozenset(), got or frozenset()
                if truth != got:
                    lines.append(f"{filename[:2]} {field}: missing {sorted(truth - got)} wrong {sorted(got - truth)}")
            elif truth != got:
                lines.append(f"{filename[:2]} {field}: truth {truth!r} got {got!r}")
    return lines


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(scope="module")
def page_resolver(resolver):
    """The 2023 resolver plus sub-regions from ``tests/fixtures/subregions_2023.csv`` (a few
    rows of Statistics Finland's kunta–seutukunta 2023 classification key)."""
    from dashboard.core.names import AreaResolver
    from dashboard.geo.subregions import from_table

    subregions, members = from_table(pd.read_csv(FIXTURES / "subregions_2023.csv", dtype=str))
    mapping = pd.DataFrame({"code": list(resolver.municipality_region), "region_code": list(resolver.municipality_region.values())})
    return AreaResolver(resolver.municipalities, resolver.regions, mapping, resolver.former, subregions=subregions, municipality_subregion=members)


@pytest.fixture(scope="module")
def page_results(shared_dir, page_resolver):
    return _results(shared_dir, page_resolver)


def test_per_field_recall_and_precision_on_the_24_pages(page_results, page_resolver):
    """The issue's target: recall ≥ 90 % and precision ≥ 95 % for every field (with Voikko)."""
    from dashboard.core import morphology

    if not morphology.available():
        message = "Voikko is not installed (`make voikko`); without it recall is lower (see test_without_voikko_precision_holds)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    resolver = page_resolver
    table = score(page_results, resolver)
    print("\n" + table.to_string(index=False))
    problems = mistakes(page_results, resolver)
    print("\n".join(problems))
    assert len(page_results) == 24
    assert all(row["name"] is not None for _, row, _ in page_results.values()), "every page is accepted"
    low = table.loc[(table["recall"] < RECALL) | (table["precision"] < PRECISION)]
    assert low.empty, f"below target:\n{low.to_string(index=False)}\n" + "\n".join(problems)


# --- known values, page by page (with the text they came from) ---------------------------

KNOWN = {
    "01_eura_s20270_osaaja.txt": {"id": "S20270", "funder": "Etelä-Savon ELY-keskus", "fund": "ESF", "start_date": pd.Timestamp("2015-05-01"), "end_date": pd.Timestamp("2017-12-31"), "regions": "10", "municipalities": "", "leader": False},
    "03_eura_a70070_mikroyritysten_kasvualusta.txt": {"funder": "Pohjois-Pohjanmaan liitto", "fund": "ERDF", "regions": "17", "municipalities": ""},
    "08_rekisteri_sv_luonto_ja_liikunta.txt": {"id": "48208", "implementer": "Rajupusu Leader ry", "municipalities": "171;178;681;768", "regions": "10;11", "leader": True},
    "10_rekisteri_sv_reittiverkoston_virittaminen.txt": {"id": "93444", "fund": "EAFRD", "municipalities": "216;226;256;265;312;601;729;931", "regions": "13"},
    "12_leader_unto.txt": {"implementer": "Pohjois-Kymen Kasvu", "funder": "Pohjois-Kymen Kasvu; Leader Etpähä; Päijänne-Leader", "budget_total_eur": 90000.0, "public_funding_eur": 90000.0, "fund": "EAFRD", "leader": True},
    "14_kyla_kerassieppi_kylaverkko.txt": {"funder": "Lapin ELY-keskus", "budget_total_eur": 336452.0, "public_funding_eur": 252339.0, "fund": "EAFRD"},
    "15_kyla_panuma_kunnostushanke.txt": {"name": "Panumanjärven ja -ojan kunnostushanke", "funder": "Pohjois-Pohjanmaan ELY-keskus", "public_funding_eur": 8844.12, "fund": "EAFRD"},
    "18_interreg_kvarken_ita_lansisuuntainen_liikennevayla.txt": {"implementer": "Merenkurkun neuvosto", "funder": "Interreg Botnia-Atlantica", "budget_total_eur": 90000.0, "regions": "15;14;16", "municipalities": ""},
    "19_kohesio_lab_biofine.txt": {"budget_total_eur": 1100000.0, "start_date": pd.Timestamp("2024-06-01"), "regions": "09", "fund": "unknown"},
    "22_asiakirja_esr_hakemus_distanssi.txt": {"implementer": "Metropolia Ammattikorkeakoulu Oy", "funder": "Hämeen ELY-keskus", "fund": "ESF"},
    "23_julkaisu_omalta_kylalta_hameessa.txt": {"name": "Omalta kylältä Hämeessä: Yhdistykset paikallisten palvelujen edistäjinä", "end_date": pd.Timestamp("2019-07-31"), "regions": "05"},
}


@pytest.mark.parametrize("filename", sorted(KNOWN))
def test_known_values_of_single_pages(page_results, filename):
    _, row, provenance = page_results[filename]
    for column, value in KNOWN[filename].items():
        got = row[column]
        if value == "":
            assert got == "", (column, got)
        elif isinstance(value, float):
            assert got == pytest.approx(value), (column, got)
        else:
            assert got == value, (column, got, provenance.get(column))


def test_evidence_is_the_text_the_value_came_from(page_results):
    _, _, evidence = page_results["01_eura_s20270_osaaja.txt"]
    assert evidence["start_date"] == "Suunnitelman mukainen toteutusaika: Alkaa 1.5.2015 ja päättyy 31.12.2017"
    assert evidence["funder"].startswith("Vastuuviranomainen: Etelä-Savon elinkeino-")
    assert evidence["regions"] == "Etelä-Savon alueen"
    _, _, evidence = page_results["10_rekisteri_sv_reittiverkoston_virittaminen.txt"]
    assert "Saarijärvi-Viitasaari: 8 municipalities" in evidence["municipalities"]
    _, _, evidence = page_results["15_kyla_panuma_kunnostushanke.txt"]
    assert "kunnostushankkeeseen" in evidence["name"]  # the inflected form on the page, lemmatised by Voikko


def test_traps_do_not_become_data(page_results):
    """A region's allocation, a per-applicant range, context towns, report dates."""
    _, row, evidence = page_results["17_maakuntaliitto_boost_up_jtf.txt"]
    assert pd.isna(row["budget_total_eur"])  # "32 miljoonaa euroa JTF-rahoitusta vuosille 2021-2027"
    _, row, evidence = page_results["21_leader_teemahanke_kylaan_kylaan.txt"]
    assert pd.isna(row["budget_total_eur"]) and evidence["budget_total_eur"].startswith("left empty: ")
    assert row["municipalities"] == ""  # Tampere, Mänttä-Vilppula, Ikaalinen, Parkano: a culture-capital bid
    _, row, _ = page_results["24_hanke_suomen_tarkkelysperunahanke.txt"]
    assert row["municipalities"] == "" and row["regions"] == ""  # factory towns and cultivation areas
    assert row["fund"] == "other"  # the EMOTR logo
    _, row, _ = page_results["22_asiakirja_esr_hakemus_distanssi.txt"]
    assert pd.isna(row["start_date"]) and pd.isna(row["end_date"])  # 28.04.2014 is the submission day
    _, row, _ = page_results["13_yhdistys_nelos_rata_satu.txt"]
    assert pd.isna(row["start_date"]) and row["name"] == "SATU-rata"  # 6.11.2021 is the news item's date
    for name in ("01_eura_s20270_osaaja.txt", "02_eura_s22171_hyvinvointia_korkeakouluopintoihin.txt", "03_eura_a70070_mikroyritysten_kasvualusta.txt"):
        assert page_results[name][1]["municipalities"] == ""  # the applicant's post office is not the project's place


# --- the phrases of issue 10, in pages the tables never saw -------------------------------

ISSUE_PAGE = """Reittejä ja palveluita pohjoiseen Keski-Suomeen

Hanke kehittää reittejä Saarijärvi-Viitasaari seutukunnan sekä Äänekosken kuntien alueella. Hankkeen mahdollistaa Keski-Suomen ELY-keskus Maaseuturahastosta.

Kesto 01.09.2021 – 31.08.2023
"""


def test_the_issue_phrases(page_resolver):
    result = import_bytes("page-text", ISSUE_PAGE.encode(), page_resolver)
    row, evidence = result.accepted.iloc[0], result.provenance[0]
    assert row["name"] == "Reittejä ja palveluita pohjoiseen Keski-Suomeen"
    assert row["funder"] == "Keski-Suomen ELY-keskus" and row["fund"] == "EAFRD"
    assert (row["start_date"], row["end_date"]) == (pd.Timestamp("2021-09-01"), pd.Timestamp("2023-08-31"))
    assert row["municipalities"] == "216;226;256;265;312;601;729;931;992"  # the sub-region's eight and Äänekoski
    assert evidence["fund"] == "Hankkeen mahdollistaa Keski-Suomen ELY-keskus Maaseuturahastosta."


def test_a_university_page_with_labels_without_colons(page_resolver):
    page = "Kestävää kasvua Hämeeseen\n\nKesto 01.09.2021 – 31.08.2023\nRahoittajat Hämeen elinkeino-, liikenne- ja ympäristökeskus\nToteuttaja Hämeen ammattikorkeakoulu Oy\n"
    row = import_bytes("page-text", page.encode(), page_resolver).accepted.iloc[0]
    assert row["funder"] == "Hämeen ELY-keskus" and row["implementer"] == "Hämeen ammattikorkeakoulu Oy"
    assert row["end_date"] == pd.Timestamp("2023-08-31")


def test_swedish_labels(page_resolver):
    page = "Skärgårdens leder\n\nProjektägare: Kimitoöns kommun\nFinansiär: Närings-, trafik- och miljöcentralen i Egentliga Finland\nProjekttid: 1.3.2020–28.2.2022\nTotalbudget: 120 000 €\n"
    row = import_bytes("page-text", page.encode(), page_resolver).accepted.iloc[0]
    assert row["implementer"] == "Kimitoöns kommun" and row["municipalities"] == "322"
    assert row["start_date"] == pd.Timestamp("2020-03-01") and row["budget_total_eur"] == 120000.0


def test_without_voikko_precision_holds(shared_dir, page_resolver):
    """Voikko missing: fewer values (inflected forms the tables never produced stay unread), none wrong."""
    from dashboard.core import morphology

    morphology._disable_for_tests()
    page_resolver._cache.clear()
    try:
        results = _results(shared_dir, page_resolver)
    finally:
        morphology._enable_again()
        page_resolver._cache.clear()
    table = score(results, page_resolver).set_index("field")
    print("\n" + table.to_string())
    assert table.loc["overall", "precision"] >= PRECISION
    assert results["15_kyla_panuma_kunnostushanke.txt"][1]["name"] == "Panumanjärven ja -ojan kunnostushankkeeseen"


def test_more_traps_of_the_next_pages(page_resolver):
    page = (
        "Kylätalot kuntoon\n\n"
        "Hanke tukee kylätalojen korjaamista. Haku on auki 1.3.2024–31.3.2024.\n"
        "Infotilaisuus pidetään Jyväskylän alueella sijaitsevalla kylätalolla.\n"
        "Ohjelman kokonaisbudjetti on 32 milj. euroa.\n"
        "Sivu päivitetty 1.1.2024–2.1.2024.\n"
    )
    row = import_bytes("page-text", page.encode(), page_resolver).accepted.iloc[0]
    assert row["name"] == "Kylätalot kuntoon"
    assert pd.isna(row["start_date"]) and pd.isna(row["end_date"])  # an application round and an update
    assert row["municipalities"] == ""  # where an info event is held
    assert pd.isna(row["budget_total_eur"])  # the programme's budget, not the project's


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = [
    "Hankkeen nimi: ", "Toteutusaika: ", "Rahoittaja: ", "Budjetti: ", "Kesto ", "Hankekumppanit:\n", "Postitoimipaikka: Mikkeli",
    "1.5.2017", "–", "30.4.2020", "2019-04-01 → 2019-12-31", "90 000,00 €", "336.452 euroa", "€1.1M", "500- 8 000 euroa",
    "Keski-Suomen ELY-keskus", "Maaseuturahastosta", "rahoittaa", "Kannonkosken, Karstulan ja Viitasaaren kunnat",
    "Saarijärven-Viitasaaren seutukunnan", "(Joroinen, Juva ja Sulkava)", "toiminta-alueella", "koko Lapin", "-hanke", "Leader",
    "Hanke", "Kehittämishanke - 123", "Julkinen hankekuvaus", " ", "\n", ". ", ", ", "ja ", "(", ")", ":", "ä", "Ö",
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_mix_of_page_phrases_is_read_without_a_traceback(page_resolver, pieces):
    """Whatever a page holds: a record or a reasoned rejection, counts that add up, evidence per field."""
    result = import_bytes("page-text", "".join(pieces).encode(), page_resolver)
    counts = result.counts()
    assert counts["read"] == counts["accepted"] + counts["rejected"]
    for (_, row), evidence in zip(result.accepted.iterrows(), result.provenance):
        for column in ("name", "funder", "fund", "municipalities", "start_date", "budget_total_eur"):
            value = row[column]
            if column == "fund" and value == "unknown":
                continue
            if not (value is None or value == "" or pd.isna(value)):
                assert evidence.get(column), (column, value)
