"""Voikko lemmatisation, and the fallback when Voikko is not installed."""

from __future__ import annotations

import os

import pytest

from dashboard.core import morphology

needs_voikko = pytest.mark.skipif(not morphology.available(), reason="Voikko (libvoikko1, voikko-fi, PyPI libvoikko) is not installed")


@pytest.fixture
def without_voikko():
    morphology._disable_for_tests()
    yield
    morphology._enable_again()


def test_voikko_is_installed_where_the_tests_must_not_skip():
    if os.environ.get("CI") and not morphology.available():
        pytest.fail("Voikko is missing: `make voikko` installs libvoikko1 and voikko-fi, `make install` the binding")


@needs_voikko
@pytest.mark.parametrize(
    "word, lemma",
    [
        ("seutukunnan", "seutukunta"),
        ("kuntien", "kunta"),
        ("Maaseuturahastosta", "maaseuturahasto"),
        ("kunnostushankkeeseen", "kunnostushanke"),
        ("Kanta-Hämeessä", "Kanta-Häme"),
        ("Äänekosken", "Äänekoski"),
        ("rahoittajina", "rahoittaja"),
    ],
)
def test_lemmas_from_voikko(word, lemma):
    assert lemma in morphology.lemmas(word)


@needs_voikko
def test_case_number_and_participles():
    assert "inessive" in morphology.cases("Kanta-Hämeessä")
    assert any(a.number == "plural" for a in morphology.analyse("kuntien"))
    assert morphology.has_lemma("seutukunnan", {"seutukunta"})
    assert morphology.has_lemma("toiminut", {"toimia"})  # a past participle, given as an adjective
    assert not morphology.has_lemma("kunnan", {"alue"})


@needs_voikko
def test_hyphenated_place_names_lemmatise_part_by_part():
    assert morphology.place_lemmas("Saarijärven-Viitasaaren")[0] == "Saarijärvi-Viitasaari"
    assert morphology.base_form("Panumanjärven ja -ojan kunnostushankkeeseen") == "Panumanjärven ja -ojan kunnostushanke"


@needs_voikko
def test_the_resolver_uses_voikko_for_forms_the_tables_never_produced(resolver):
    # "Hämeenlinnassakin" (with the clitic -kin) is not a generated form; Voikko knows it.
    result = resolver.resolve_municipality("Hämeenlinnassakin")
    assert (result.code, result.method) == ("109", "inflected")


def test_fallback_without_voikko(without_voikko):
    assert not morphology.available()
    assert morphology.lemmas("seutukunnan")[0] == "seutukunnan"  # the word itself comes first
    assert morphology.has_lemma("alueella", {"alue"})  # head words still match on their stem
    assert not morphology.has_lemma("kunnan", {"alue"})
    assert morphology.cases("Kanta-Hämeessä") == set()
    assert morphology.place_lemmas("Saarijärven-Viitasaaren") == []
    assert morphology.base_form("kunnostushankkeeseen") == "kunnostushankkeeseen"  # unchanged, not guessed


def test_empty_and_odd_input():
    assert morphology.analyse("") == ()
    assert morphology.lemmas("xyzzyq")[0] == "xyzzyq"
    assert morphology.base_form("") == ""


@needs_voikko
def test_nominative_is_generated_only_when_voikko_confirms_it():
    assert morphology.nominative("Kylien") == "Kylät"
    assert morphology.nominative("Kasvun") == "Kasvu"
    assert morphology.nominative("kuntien") is None  # "kuntat" is not the plural of "kunta"
    assert morphology.nominative("Kylät") is None  # not a genitive


def test_nominative_needs_voikko(without_voikko):
    assert morphology.nominative("Kylien") is None
