"""One catalogue, three languages: every key complete, no English words in fi/sv, messages with parameters."""

from __future__ import annotations

import re
import string

import pytest

from dashboard.ui import i18n, safe_text
from dashboard.ui.i18n import field_label, label, localise_reason, message, t

ENGLISH_WORDS = re.compile(r"\b(projects|rejected|reason|warnings?|none)\b", re.IGNORECASE)
CATALOGUE = i18n.catalogue()


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogue_is_large_and_every_entry_has_three_languages():
    assert len(CATALOGUE) > 300
    for key, texts in CATALOGUE.items():
        assert len(texts) == 3, key
        assert all(text.strip() for text in texts), key


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_finnish_and_swedish_have_no_english_words(lang):
    position = {"fi": 0, "sv": 2}[lang]
    offenders = {}
    for key, texts in CATALOGUE.items():
        shown = re.sub(r"\{[^}]*\}", "", texts[position])  # placeholders are not shown
        if ENGLISH_WORDS.search(shown):
            offenders[key] = texts[position]
    assert offenders == {}


def test_the_english_word_check_can_fail():
    assert ENGLISH_WORDS.search("3 projects rejected")
    assert ENGLISH_WORDS.search("Warning: None")
    assert not ENGLISH_WORDS.search("Projekt avvisade, orsak")


def test_messages_have_the_same_placeholders_in_every_language():
    for key, texts in CATALOGUE.items():
        fi, en, sv = (_placeholders(text) for text in texts)
        assert fi == en == sv, key


def test_message_fills_parameters_in_each_language():
    assert message("distance.in_municipality", "fi", municipality="Kuusamo") == "Kuusamo (ei tarkkaa sijaintia)"
    assert message("distance.in_municipality", "sv", municipality="Kuusamo") == "i Kuusamo (inget exakt läge)"
    assert message("distance.in_municipality", "en", municipality="Kuusamo") == "in Kuusamo (no exact location)"
    counts = dict(read=12, accepted=9, recovered=1, rejected_count=2)
    assert message("upload_counts", "fi", **counts) == "Luettu 12 riviä: 9 hyväksytty, 1 korjattu, 2 hylätty."
    assert message("upload_counts", "sv", **counts) == "Läste 12 rader: 9 godkända, 1 reparerade, 2 avvisade."
    assert message("kpi_projects", "sv") == "Projekt"  # plain labels are messages too
    assert message("no.such.key", "fi") == "no.such.key"
    assert message("notice.map_selection", "fi") == "Kartalta valittu: {area}"  # a missing parameter stays visible


def test_message_escapes_parameters_not_the_template():
    text = message("notice.map_selection", "fi", escape=safe_text.markdown_text, area="[x](https://evil.example)")
    # U+034F keeps Streamlit from finding an autolink literal in the parsed text (safe_text).
    assert text == r"Kartalta valittu: \[x\]\(https\:" + "\u034f" + r"\/\/evil\.example\)"


def test_field_labels_translate_provenance_columns():
    assert field_label("budget_total_eur", "fi") == "Kokonaisbudjetti (€)"
    assert field_label("budget_total_eur", "sv") == "Total budget (€)"
    assert field_label("source_url", "en") == "Source"
    assert field_label("no_such_column", "fi") == "no_such_column"
    assert i18n.field_labels(["id", "name"], "sv") == {"id": "Id", "name": "Namn"}


def test_unknown_language_reads_finnish_and_old_helpers_still_work():
    assert t("kpi_projects", "de") == "Hankkeita"
    assert label("fund", "ERDF", "sv") == "Regionala utvecklingsfonden (ERUF)"
    assert "chart_no_dates" in i18n.keys()


# Sentences the loaders and importers write today (dashboard/core, dashboard/io, dashboard/geo).
TODAY = {
    "empty row": ("tyhjä rivi", "tom rad"),
    "start_date: date '31.2.2024' does not exist": ("Alkupäivä: päivämäärää ”31.2.2024” ei ole olemassa", "Startdatum: datumet ”31.2.2024” finns inte"),
    "end_date: date '2024/13/01' is not ISO (2024-06-30) or Finnish (30.6.2024)": (
        "Loppupäivä: päivämäärä ”2024/13/01” ei ole muotoa 2024-06-30 tai 30.6.2024",
        "Slutdatum: datumet ”2024/13/01” har inte formen 2024-06-30 eller 30.6.2024",
    ),
    "budget_total_eur: amount 'paljon' is not a number of euros (e.g. 116 475 €)": (
        "Kokonaisbudjetti (€): summa ”paljon” ei ole euromäärä (esim. 116 475 €)",
        "Total budget (€): beloppet ”paljon” är inte ett eurobelopp (t.ex. 116 475 €)",
    ),
    "unknown municipality 'Kuusam' (did you mean: Kuusamo, Kuhmo?)": (
        "tuntematon kunta ”Kuusam” (tarkoititko: Kuusamo, Kuhmo?)",
        "okänd kommun ”Kuusam” (menade du: Kuusamo, Kuhmo?)",
    ),
    "unknown region 'Atlantis'": ("tuntematon maakunta ”Atlantis”", "okänt landskap ”Atlantis”"),
    "duplicate id (an earlier row has the same id)": ("sama tunnus on jo aiemmalla rivillä", "samma id finns redan på en tidigare rad"),
    "fund must be one of EAFRD, ERDF": ("Rahasto: arvon on oltava jokin näistä: EAFRD, ERDF", "Fond: värdet måste vara ett av EAFRD, ERDF"),
    "latitude is outside Finland (59.5–70.1)": ("leveysaste on Suomen ulkopuolella (59.5–70.1)", "latituden ligger utanför Finland (59.5–70.1)"),
    "municipality 'Kuusamossa' read as Kuusamo (305) [inflected]": (
        "Kunta ”Kuusamossa” luettiin: Kuusamo (305) [taivutettu muoto]",
        "Kommun ”Kuusamossa” lästes som Kuusamo (305) [böjd form]",
    ),
    "the point lies in Kuusamo, the record names Taivalkoski": ("piste on kunnassa Kuusamo, tietueessa mainitaan Taivalkoski", "punkten ligger i Kuusamo, posten nämner Taivalkoski"),
    "the header repeats the columns ['name']": ("otsikkorivillä toistuvat sarakkeet ['name']", "rubrikraden upprepar kolumnerna ['name']"),
    "granting authority not recognised: 'Kuu'": ("myöntävää viranomaista ei tunnistettu: ”Kuu”", "den beviljande myndigheten känns inte igen: ”Kuu”"),
    "row 4: NUTS3 code SE332 is not a Finnish region; area unknown": (
        "rivi 4: NUTS3-koodi SE332 ei ole Suomen maakunta; alue tuntematon",
        "rad 4: NUTS3-koden SE332 är inget finländskt landskap; område okänt",
    ),
    "'Laavu' has no point coordinates (lines and areas are not services)": (
        "kohteella ”Laavu” ei ole pistekoordinaatteja (viivat ja alueet eivät ole palveluita)",
        "”Laavu” har inga punktkoordinater (linjer och områden är inte tjänster)",
    ),
    "file type .exe is not accepted; upload one of .csv, .xlsx": (
        "tiedostotyyppiä .exe ei hyväksytä; lataa jokin näistä: .csv, .xlsx",
        "filtypen .exe godkänns inte; ladda upp en av .csv, .xlsx",
    ),
}


@pytest.mark.parametrize("english", list(TODAY))
def test_todays_english_sentences_are_read_back_into_the_catalogue(english):
    fi, sv = TODAY[english]
    assert localise_reason(english, "fi") == fi
    assert localise_reason(english, "sv") == sv
    assert localise_reason(english, "en") == english


def test_joined_reasons_and_unknown_sentences():
    assert localise_reason("empty row; name is empty", "fi") == "tyhjä rivi; nimi puuttuu"
    assert localise_reason("something new happened", "fi") == "something new happened"
    assert localise_reason(None, "fi") == localise_reason(float("nan"), "sv") == ""


def test_a_joined_reason_is_not_swallowed_by_a_greedy_pattern():
    assert localise_reason("fund must be one of EAFRD, ERDF; name is empty", "fi") == "Rahasto: arvon on oltava jokin näistä: EAFRD, ERDF; nimi puuttuu"


def test_localise_table_translates_reports():
    import pandas as pd

    rejected = pd.DataFrame({"row": [3], "reason": ["name is empty; unknown region 'Atlantis'"], "raw": ["x"]})
    shown = i18n.localise_table(rejected, "sv")
    assert list(shown.columns) == ["Rad", "Orsak", "Originaltext"]
    assert shown["Orsak"].item() == "namn saknas; okänt landskap ”Atlantis”"
    provenance = pd.DataFrame({"field": ["budget_total_eur"], "source_text": ["Budjetti 116 475 €"]})
    assert i18n.localise_table(provenance, "fi").iloc[0].tolist() == ["Kokonaisbudjetti (€)", "Budjetti 116 475 €"]
    assert list(i18n.localise_table(provenance, "fi").columns) == ["Kenttä", "Lähdeteksti"]


def test_every_literal_key_the_code_asks_for_is_in_the_catalogue():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "dashboard"
    call = re.compile(r'\b(?:t|message)\(\s*"([^"{}]+)"')
    asked = {(m.group(1), str(path.relative_to(root))) for path in root.rglob("*.py") for m in call.finditer(path.read_text(encoding="utf-8"))}
    assert len(asked) > 50
    assert sorted((key, where) for key, where in asked if key not in CATALOGUE) == []


def test_limit_refusals_in_every_language_with_the_limit_and_the_figure():
    from dashboard.core.limits import LimitError
    from dashboard.ui.i18n import localise_limit

    error = LimitError("rows", limit=200_000, found="1,000,000 lines after the header", unit="lines_after_header", figure=1_000_000)
    assert localise_limit(error.key, error.params, "fi") == "tiedostossa on yli 200\xa0000 riviä (1\xa0000\xa0000 riviä otsikon jälkeen); raja on 200\xa0000 riviä"
    assert localise_limit(error.key, error.params, "en") == str(error)
    assert "gränsen är 200\xa0000 rader" in localise_limit(error.key, error.params, "sv")
    unpacked = LimitError("unpacked_bytes", found_mib=250.04, limit_mib=200.0)
    assert localise_limit(unpacked.key, unpacked.params, "fi") == "tiedosto purkautuu vähintään 250,0 MiB:ksi; raja on 200 MiB purettuna"
    assert localise_limit("isolated_memory", {"limit": 1536}, "en") == "reading the file needed more than 1,536 MB of memory; the limit is 1,536 MB"
    import dashboard.core.limits as limits

    for key in limits.MESSAGES:  # every limit has its three sentences
        for lang in ("fi", "sv", "en"):
            assert not message(f"limit.{key}", lang).startswith("limit.")


def test_a_limit_error_survives_the_trip_from_the_upload_process():
    import pickle

    from dashboard.core.limits import LimitError

    error = pickle.loads(pickle.dumps(LimitError("columns", found=900, limit=500)))
    assert (error.key, error.params, str(error)) == ("columns", {"found": 900, "limit": 500}, "the file has 900 columns; the limit is 500")


def test_an_area_refusal_reads_in_the_editors_language():
    """The store's refusal of a record outside the editor's area (store/batches.py) is shown
    in fi/sv, with the area and the municipalities found kept as they are."""
    reason = "outside your area (SILMU): Helsinki (091), Espoo (049)"
    assert localise_reason(reason, "fi") == "alueesi (SILMU) ulkopuolella: Helsinki (091), Espoo (049)"
    assert localise_reason(reason, "sv") == "utanför ditt område (SILMU): Helsinki (091), Espoo (049)"
    assert localise_reason(reason, "en") == reason
