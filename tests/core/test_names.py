import pytest

from dashboard.core.names import inflected_forms


@pytest.mark.parametrize(
    "reference, name",
    [
        ("092", "Vantaa"),
        ("92", "Vantaa"),
        ("KU092", "Vantaa"),
        ("Vantaa", "Vantaa"),
        ("Vanda", "Vantaa"),
        ("  VANTAA ", "Vantaa"),
        ("vantaa", "Vantaa"),
        ("Åbo", "Turku"),
        # inflected forms as written in the seed documents
        ("Kannonkosken", "Kannonkoski"),
        ("Karstulan", "Karstula"),
        ("Karstulassa", "Karstula"),
        ("Kinnulasta", "Kinnula"),
        ("Kivijärvelle", "Kivijärvi"),
        ("Kivijärven", "Kivijärvi"),
        ("Kyyjärven", "Kyyjärvi"),
        ("Pihtiputaan", "Pihtipudas"),
        ("Viitasaaren", "Viitasaari"),
        ("Kuusamon", "Kuusamo"),
        ("Taivalkosken", "Taivalkoski"),
        # gradation and irregular stems
        ("Konneveden", "Konnevesi"),
        ("Hangossa", "Hanko"),
        ("Turussa", "Turku"),
        ("Liedon", "Lieto"),
        ("Tampereella", "Tampere"),
        ("Uudenkaupungin", "Uusikaupunki"),
        ("Kuhmoisten", "Kuhmoinen"),
        ("Lahdessa", "Lahti"),
        ("Pyhäjoella", "Pyhäjoki"),
        ("Outokummun", "Outokumpu"),
        ("Kaustisella", "Kaustinen"),
        ("Kannuksen", "Kannus"),
        ("Helsingissä", "Helsinki"),
        ("Rovaniemellä", "Rovaniemi"),
        ("Iissä", "Ii"),
        # organisations named after their municipality
        ("Savukosken kunta", "Savukoski"),
        ("Kiteen kaupunki", "Kitee"),
        ("Koski", "Koski Tl"),
        ("Pedersöre", "Pedersören kunta"),
        # former municipalities, derived from the 2013 and 2023 boundaries
        ("Jalasjärvi", "Kurikka"),
        ("Jalasjärvellä", "Kurikka"),
        ("164", "Kurikka"),
        ("Nastola", "Lahti"),
        ("Köyliö", "Säkylä"),
        ("Tarvasjoki", "Lieto"),
        # a small typo
        ("Kemijarvi", "Kemijärvi"),
    ],
)
def test_municipality_references_resolve(resolver, reference, name):
    result = resolver.resolve_municipality(reference)
    assert result.ok, result
    assert result.name == name


def test_resolution_says_how(resolver):
    assert resolver.resolve_municipality("092").method == "code"
    assert resolver.resolve_municipality("Vanda").method == "name"
    assert resolver.resolve_municipality("Kannonkosken").method == "inflected"
    assert resolver.resolve_municipality("Jalasjärvi").method == "former"
    assert resolver.resolve_municipality("Kemijarvi").method == "fuzzy"


def test_unknown_name_is_reported_with_suggestions(resolver):
    result = resolver.resolve_municipality("Jyväskylän maalaiskunta xyz")
    assert not result.ok
    assert "Jyväskylä" in result.suggestions
    assert result.problem().startswith("unknown municipality 'Jyväskylän maalaiskunta xyz' (did you mean: ")
    nonsense = resolver.resolve_municipality("Atlantis")
    assert nonsense.code is None and len(nonsense.suggestions) == 3


def test_unknown_code_is_not_guessed(resolver):
    assert resolver.resolve_municipality("999").code is None


def test_former_municipalities_are_derived_by_overlap(resolver):
    former = resolver.former.set_index("former_name_fi")
    assert former.loc["Jalasjärvi", "code"] == "301"  # Kurikka
    assert former.loc["Jalasjärvi", "overlap_share"] > 0.95
    assert len(former) == 11  # 320 municipalities in 2013, 309 in 2023


@pytest.mark.parametrize(
    "reference, name",
    [
        ("13", "Keski-Suomi"),
        ("1", "Uusimaa"),
        ("MK19", "Lappi"),
        ("Keski-Suomi", "Keski-Suomi"),
        ("Central Finland", "Keski-Suomi"),
        ("Mellersta Finland", "Keski-Suomi"),
        ("keski-suomen", "Keski-Suomi"),
        ("Lapissa", "Lappi"),
        ("Lapland", "Lappi"),
        ("Uudenmaan", "Uusimaa"),
        ("Varsinais-Suomessa", "Varsinais-Suomi"),
        ("Southwest Finland", "Varsinais-Suomi"),
        ("Åland", "Ahvenanmaan maakunta"),
        ("North Ostrobothnia", "Pohjois-Pohjanmaa"),
    ],
)
def test_region_references_resolve(resolver, reference, name):
    result = resolver.resolve_region(reference)
    assert result.ok, result
    assert result.name == name


def test_unknown_region_has_suggestions(resolver):
    result = resolver.resolve_region("Keski-Suomen maakuntaa ja jotain")
    assert not result.ok or result.name == "Keski-Suomi"
    assert not resolver.resolve_region("Koillismaa").ok


def test_inflected_forms_cover_the_main_cases():
    forms = inflected_forms("kivijärvi")
    assert {"kivijärven", "kivijärvellä", "kivijärvelle", "kivijärveltä", "kivijärvessä", "kivijärveen"} <= forms


# --- sub-regions (seutukunnat) -------------------------------------------------------------


@pytest.fixture(scope="module")
def subregion_resolver(resolver):
    """The 2023 resolver with sub-regions from tests/fixtures/subregions_2023.csv: rows of
    Statistics Finland's classification key "Kunnat – seutukunnat 2023"
    (https://www.stat.fi/fi/luokitukset/corrmaps/kunta_1_20230101%23seutukunta_1_20230101/);
    SK138 Saarijärvi-Viitasaari's eight municipalities also match truth.json of page 10."""
    from pathlib import Path

    import pandas as pd

    from dashboard.core.names import AreaResolver
    from dashboard.geo.subregions import from_table

    table = pd.read_csv(Path(__file__).resolve().parents[1] / "fixtures" / "subregions_2023.csv", dtype=str)
    subregions, members = from_table(table)
    mapping = pd.DataFrame({"code": list(resolver.municipality_region), "region_code": list(resolver.municipality_region.values())})
    return AreaResolver(resolver.municipalities, resolver.regions, mapping, resolver.former, subregions=subregions, municipality_subregion=members)


@pytest.mark.parametrize(
    "reference",
    ["Saarijärvi-Viitasaari", "Saarijärven-Viitasaaren seutukunta", "Saarijärven–Viitasaaren seutukunnassa", "Saarijärvi-Viitasaari seutukunnan", "SK138", "138"],
)
def test_subregion_references_resolve(subregion_resolver, reference):
    result = subregion_resolver.resolve_subregion(reference)
    assert result.code == "138", result
    assert subregion_resolver.municipalities_of_subregion("138") == ["216", "226", "256", "265", "312", "601", "729", "931"]


def test_subregions_are_never_guessed(subregion_resolver, resolver):
    assert not subregion_resolver.resolve_subregion("Saarijärvi-Viitasalo").ok
    assert not subregion_resolver.resolve_subregion("Äänekoski").ok  # a municipality, not in the fixture's sub-regions
    if resolver.subregions.empty:  # built without the sub-region layer: no sub-region resolves
        assert not resolver.resolve_subregion("Saarijärvi-Viitasaari").ok
    assert subregion_resolver.resolve_municipality("Viitasaaren").code == "931"  # the existing kinds are unchanged


def test_subregion_names_written_in_the_genitive_also_resolve_in_the_nominative(resolver):
    import pandas as pd

    from dashboard.core.names import AreaResolver

    subregions = pd.DataFrame({"code": ["138", "132"], "name_fi": ["Saarijärven–Viitasaaren seutukunta", "Joutsan seutukunta"], "name_sv": ["Saarijärvi-Viitasaari", "Joutsa"]})
    members = pd.DataFrame({"code": ["729", "172"], "subregion_code": ["138", "132"]})
    mapping = pd.DataFrame({"code": list(resolver.municipality_region), "region_code": list(resolver.municipality_region.values())})
    other = AreaResolver(resolver.municipalities, resolver.regions, mapping, resolver.former, subregions=subregions, municipality_subregion=members)
    assert other.resolve_subregion("Saarijärvi-Viitasaari seutukunnan").code == "138"
    assert other.resolve_subregion("Saarijärven-Viitasaaren seutukunnassa").code == "138"
    assert other.resolve_subregion("Joutsan seutu").code == "132"
