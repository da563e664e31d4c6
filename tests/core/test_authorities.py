"""Granting bodies and implementers: where a decision places a project, where the recipient sits."""

import pytest

from dashboard.core.authorities import clean_funder, granting_body_area, implementer_seat, programme_section_area


@pytest.mark.parametrize(
    ("implementer", "seat"),
    [
        ("Savukosken kunta", "742"),
        ("Oulun Yliopisto", "564"),
        ("Helsingin yliopiston Koulutus- ja kehittämiskeskus Palmenia", "091"),
        ("Tampereen Yliopisto", "837"),
        ("Jyväskylän Ammattikorkeakoulu Oy", "179"),
        ("Lapin yliopisto", "698"),  # from implementer_seats.csv: the name is a region's
        ("Oulun seudun koulutuskuntayhtymä", "564"),
        ("Satakunnan ammattikorkeakoulu Oy", ""),  # a region's name, no source for the seat
        ("Päijät-Hämeen koulutuskonserni -kuntayhtymä", ""),
        ("Itä-Suomen yliopisto", ""),  # two campuses, no stated seat
        ("LAPWALL OY", ""),  # a company stays unknown
        ("", ""),
    ],
)
def test_implementer_seat(resolver, implementer, seat):
    assert implementer_seat(implementer, resolver) == seat


def test_2014_bodies_act_for_a_large_area_or_their_region(resolver):
    assert granting_body_area("Hämeen ELY-keskus", "2014-2020", resolver).large_area == "etela-suomi"
    assert granting_body_area("Pohjois-Pohjanmaan ELY-keskus", "2014-2020", resolver).large_area == "pohjois-suomi"
    pirkanmaa = granting_body_area("Pirkanmaan liitto", "2014-2020", resolver)
    assert (pirkanmaa.precision, pirkanmaa.large_area, pirkanmaa.region) == ("large_area", "lansi-suomi", "")
    uusimaa = granting_body_area("Uudenmaan liitto", "2014-2020", resolver)
    assert (uusimaa.precision, uusimaa.large_area) == ("large_area", "etela-suomi")
    kainuu = granting_body_area("Kainuun liitto", "2014-2020", resolver)
    assert (kainuu.precision, kainuu.region, kainuu.large_area) == ("region", "18", "pohjois-suomi")
    assert granting_body_area("Tekes", "2014-2020", resolver) is None


def test_2007_councils_grant_in_their_own_region_and_ely_centres_place_nothing(resolver):
    pirkanmaa = granting_body_area("Pirkanmaan liitto", "2007-2013", resolver)
    assert (pirkanmaa.precision, pirkanmaa.region, pirkanmaa.large_area) == ("region", "06", "lansi-suomi")
    kainuu = granting_body_area("Kainuun liitto", "2007-2013", resolver)
    assert kainuu.large_area == "ita-suomi"  # Kainuu belonged to Itä-Suomi then
    assert granting_body_area(clean_funder("Hämeen elinkeino-  liikenne- ja ympäristökeskus"), "2007-2013", resolver) is None


def test_programme_sections_of_2007():
    assert programme_section_area("Valtakunnallinen osio").precision == "national"
    south = programme_section_area("Etelä-Suomen suuralueosio")
    assert (south.precision, south.large_area) == ("large_area", "etela-suomi") and "inference" in south.basis
    west = programme_section_area("Länsi-Suomen suuralueosio")
    assert west.large_area == "lansi-suomi" and "inference" not in west.basis  # its region list is stated by a source
    assert programme_section_area("Itä-Suomi").large_area == "ita-suomi"
    assert programme_section_area("Rakennerahasto-ohjelma") is None
