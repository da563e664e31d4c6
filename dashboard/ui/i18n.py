"""Every label of the app, in Finnish (default), English and Swedish — one table.

``t(key, lang)`` returns the label; a missing translation falls back to Finnish, and a
missing key to the key itself (visible, so a test can catch it). Vocabulary values
(funds, themes, categories, statuses, periods) are translated by ``label(kind, value, lang)``.
"""

from __future__ import annotations

from typing import Final

LANGUAGES: Final[dict[str, str]] = {"fi": "Suomi", "en": "English", "sv": "Svenska"}
DEFAULT_LANGUAGE: Final = "fi"

_T: Final[dict[str, tuple[str, str, str]]] = {
    # key: (fi, en, sv)
    "app_title": ("Hankekartta", "Hankekartta – project map", "Hankekartta – projektkarta"),
    "language": ("Kieli", "Language", "Språk"),
    "page_funding": ("Rahoitus", "Funding", "Finansiering"),
    "page_nature": ("Luontopalvelut", "Nature services", "Naturtjänster"),
    "page_leader": ("Leader-kattavuus", "Leader coverage", "Leader-täckning"),
    "page_data": ("Tiedot", "Data", "Data"),
    "choose": ("Valitse", "Choose", "Välj"),
    "filters": ("Rajaukset", "Filters", "Filter"),
    "region": ("Maakunta", "Region", "Landskap"),
    "municipality": ("Kunta", "Municipality", "Kommun"),
    "leader_group": ("Leader-ryhmä", "Leader group", "Leadergrupp"),
    "funder": ("Rahoittaja", "Funder", "Finansiär"),
    "fund": ("Rahasto", "Fund", "Fond"),
    "theme": ("Teema", "Theme", "Tema"),
    "period": ("Rahoituskausi", "Funding period", "Programperiod"),
    "years": ("Käynnissä vuosina", "Active in years", "Pågående under åren"),
    "status": ("Tila", "Status", "Status"),
    "search": ("Haku (nimi, toteuttaja, kuvaus)", "Search (name, implementer, summary)", "Sök (namn, genomförare, beskrivning)"),
    "clear_filters": ("Tyhjennä rajaukset", "Clear filters", "Rensa filter"),
    "clear_map_selection": ("Poista karttavalinta", "Clear map selection", "Ta bort kartval"),
    "map_selection": ("Kartalta valittu", "Selected on the map", "Valt på kartan"),
    "kpi_projects": ("Hankkeita", "Projects", "Projekt"),
    "kpi_budget": ("Budjetti yhteensä", "Total budget", "Total budget"),
    "kpi_public": ("Julkinen rahoitus", "Public funding", "Offentlig finansiering"),
    "kpi_unknown_area": ("Alue tuntematon", "Area unknown", "Område okänt"),
    "kpi_amount_unknown": ("Summa tuntematon", "Amount unknown", "Belopp okänt"),
    "money_note": (
        "Euromäärä = kokonaisbudjetti, tai julkinen rahoitus jos budjettia ei tiedetä. Summa tuntematon -hankkeet lasketaan mukaan määriin, ei euroihin.",
        "Money = total budget, or public funding where the budget is not known. Projects with an unknown amount are counted, not summed as zero.",
        "Belopp = total budget, eller offentlig finansiering om budgeten inte är känd. Projekt med okänt belopp räknas men summeras inte som noll.",
    ),
    "area_level": ("Aluetaso", "Area level", "Områdesnivå"),
    "level_municipality": ("Kunnat", "Municipalities", "Kommuner"),
    "level_region": ("Maakunnat", "Regions", "Landskap"),
    "metric": ("Mittari", "Metric", "Mått"),
    "metric_eur": ("Euroa", "Euros", "Euro"),
    "metric_eur_per_resident": ("Euroa / asukas", "Euros per resident", "Euro per invånare"),
    "metric_projects": ("Hankkeiden määrä", "Number of projects", "Antal projekt"),
    "no_projects": ("Ei hankkeita", "No projects", "Inga projekt"),
    "amount_unknown_only": ("Hankkeita, summa tuntematon", "Projects, amount unknown", "Projekt, belopp okänt"),
    "no_population": ("Ei väestötietoa", "No population data", "Inga befolkningsuppgifter"),
    "population": ("Asukkaita", "Residents", "Invånare"),
    "click_hint": ("Napsauta kuntaa rajataksesi siihen.", "Click a municipality to filter to it.", "Klicka på en kommun för att filtrera."),
    "chart_period_fund_eur": ("Euroa rahoituskausittain ja rahastoittain", "Euros by period and fund", "Euro per period och fond"),
    "chart_period_fund_count": ("Hankkeita rahoituskausittain ja rahastoittain", "Projects by period and fund", "Projekt per period och fond"),
    "chart_theme": ("Euroa teemoittain (hanke voi kuulua useaan teemaan)", "Euros by theme (a project can have several themes)", "Euro per tema (ett projekt kan ha flera teman)"),
    "chart_theme_count": ("Hankkeita teemoittain (summat tuntemattomia)", "Projects by theme (amounts unknown)", "Projekt per tema (belopp okända)"),
    "chart_funders": ("Suurimmat rahoittajat", "Top funders", "Största finansiärer"),
    "chart_years": ("Käynnissä olevia hankkeita vuosittain", "Projects active per year", "Pågående projekt per år"),
    "projects_table": ("Hankkeet", "Projects", "Projekt"),
    "table_capped": (
        "Taulukossa {shown} suurinta {total} hankkeesta; latauksissa kaikki.",
        "The table shows the {shown} largest of {total} projects; the downloads hold all.",
        "Tabellen visar de {shown} största av {total} projekt; nedladdningarna innehåller alla.",
    ),
    "results_capped": (
        "Listassa {shown} ensimmäistä {total} tuloksesta; rajaa hakua tai valitse ”Lähellä”.",
        "The list shows the first {shown} of {total} results; narrow the search or choose “Near”.",
        "Listan visar de första {shown} av {total} resultat; avgränsa sökningen eller välj ”Nära”.",
    ),
    "download_csv": ("Lataa CSV", "Download CSV", "Ladda ner CSV"),
    "download_xlsx": ("Lataa Excel", "Download Excel", "Ladda ner Excel"),
    "download_geojson": ("Lataa GeoJSON", "Download GeoJSON", "Ladda ner GeoJSON"),
    "name": ("Nimi", "Name", "Namn"),
    "implementer": ("Toteuttaja", "Implementer", "Genomförare"),
    "start": ("Alku", "Start", "Start"),
    "end": ("Loppu", "End", "Slut"),
    "money": ("Euroa", "Euros", "Euro"),
    "money_basis": ("Europeruste", "Money basis", "Beloppsgrund"),
    "source": ("Lähde", "Source", "Källa"),
    "unknown": ("tuntematon", "unknown", "okänd"),
    "all": ("Kaikki", "All", "Alla"),
    "basemap": ("Taustakartta", "Basemap", "Bakgrundskarta"),
    "basemap_off": ("Ei taustakarttaa (toimii ilman verkkoa)", "No basemap (works offline)", "Ingen bakgrundskarta (fungerar offline)"),
    "category": ("Luokka", "Category", "Kategori"),
    "provider": ("Tarjoaja", "Provider", "Anordnare"),
    "website": ("Verkkosivu", "Website", "Webbplats"),
    "near": ("Lähellä", "Near", "Nära"),
    "near_none": ("(ei rajausta)", "(no limit)", "(ingen gräns)"),
    "near_municipality": ("Kunnan keskeltä", "From a municipality", "Från en kommun"),
    "near_click": ("Kartalta napsautetusta kohdasta", "From a point clicked on the map", "Från en punkt klickad på kartan"),
    "radius_km": ("Säde (km)", "Radius (km)", "Radie (km)"),
    "distance_km": ("Etäisyys (km)", "Distance (km)", "Avstånd (km)"),
    "approximate": ("sijainti likimääräinen (kunnan keskipiste)", "approximate location (municipality centre)", "ungefärligt läge (kommunens mitt)"),
    "approximate_short": ("Likim.", "Approx.", "Ungef."),
    "results": ("Tuloksia", "Results", "Resultat"),
    "click_map_for_point": ("Napsauta karttaa valitaksesi pisteen.", "Click the map to choose a point.", "Klicka på kartan för att välja en punkt."),
    "choose_group": ("Valitse Leader-ryhmä", "Choose a Leader group", "Välj Leadergrupp"),
    "white_spots": ("Valkoiset alueet: kunnat ilman hankkeita", "White spots: municipalities without projects", "Vita fläckar: kommuner utan projekt"),
    "white_spots_count": ("Valkoisia alueita", "White spots", "Vita fläckar"),
    "no_white_spots": ("Ei valkoisia alueita näillä rajauksilla.", "No white spots with these filters.", "Inga vita fläckar med dessa filter."),
    "theme_matrix": ("Teemat × kunnat (hankkeiden määrä)", "Themes × municipalities (project counts)", "Teman × kommuner (antal projekt)"),
    "group_vs_median": ("Ryhmä verrattuna ryhmien mediaaniin", "The group compared with the median group", "Gruppen jämförd med mediangruppen"),
    "this_group": ("Tämä ryhmä", "This group", "Denna grupp"),
    "median_group": ("Mediaaniryhmä", "Median group", "Mediangrupp"),
    "partial": ("osittain", "partly", "delvis"),
    "sources": ("Lähteet ja lisenssit", "Sources and licences", "Källor och licenser"),
    "records": ("Tietueita", "Records", "Poster"),
    "validation": ("Tarkistusraportti", "Validation report", "Valideringsrapport"),
    "file": ("Tiedosto", "File", "Fil"),
    "read": ("Luettu", "Read", "Lästa"),
    "accepted": ("Hyväksytty", "Accepted", "Godkända"),
    "rejected": ("Hylätty", "Rejected", "Avvisade"),
    "warnings": ("Huomautuksia", "Warnings", "Varningar"),
    "provenance": ("Mistä kukin tieto luettiin", "Where each value was read from", "Varifrån varje värde lästes"),
    "field": ("Kenttä", "Field", "Fält"),
    "source_text": ("Lähdeteksti", "Source text", "Källtext"),
    "licence": ("Lisenssi", "Licence", "Licens"),
    "row": ("Rivi", "Row", "Rad"),
    "reason": ("Syy", "Reason", "Orsak"),
    "upload": ("Lataa oma tiedosto", "Upload your own file", "Ladda upp en egen fil"),
    "upload_help": (
        "Hankkeet tai palvelut: dokumentoitu CSV/GeoJSON, EURA-rakennerahastolista, Kohesio-CSV, maaseuturahaston hankerekisteri (CSV/Excel/sivun teksti), hankesivun teksti (.txt), Google My Maps KML/KMZ tai OpenStreetMap-GeoJSON. Enintään 20 Mt. Hyväksytyt rivit näkyvät muilla sivuilla vain tässä istunnossa.",
        "Projects or services: the documented CSV/GeoJSON, EURA structural-fund lists, Kohesio CSV, rural-fund register (CSV/Excel/page text), project page text (.txt), Google My Maps KML/KMZ or OpenStreetMap GeoJSON. At most 20 MB. Accepted rows show on the other pages for this session only.",
        "Projekt eller tjänster: dokumenterad CSV/GeoJSON, EURA-strukturfondslista, Kohesio-CSV, landsbygdsfondens projektregister (CSV/Excel/sidtext), projektsidans text (.txt), Google My Maps KML/KMZ eller OpenStreetMap-GeoJSON. Högst 20 MB. Godkända rader visas på de andra sidorna endast under denna session.",
    ),
    "format_auto": ("tunnista automaattisesti", "detect automatically", "identifiera automatiskt"),
    "recovered": ("Korjattu", "Recovered", "Reparerade"),
    "upload_format": ("Tiedostomuoto", "File format", "Filformat"),
    "upload_too_large": ("Tiedosto on liian suuri (enintään 20 Mt).", "The file is too large (at most 20 MB).", "Filen är för stor (högst 20 MB)."),
    "download_rejected": ("Lataa hylätyt rivit", "Download rejected rows", "Ladda ner avvisade rader"),
    "uploaded_in_use": ("Omia rivejä käytössä tässä istunnossa", "Own rows in use in this session", "Egna rader i bruk under denna session"),
    "remove_upload": ("Poista omat rivit", "Remove own rows", "Ta bort egna rader"),
    "attribution": (
        "Rajat © Maanmittauslaitos, CC BY 4.0 (Tilastokeskuksen rajapinta). Väestö: Tilastokeskus, CC BY 4.0. Hankkeet ja palvelut: julkiset verkkosivut, lähde jokaisella rivillä.",
        "Boundaries © National Land Survey of Finland, CC BY 4.0 (via Statistics Finland). Population: Statistics Finland, CC BY 4.0. Projects and services: public web pages, source on every row.",
        "Gränser © Lantmäteriverket, CC BY 4.0 (via Statistikcentralen). Befolkning: Statistikcentralen, CC BY 4.0. Projekt och tjänster: offentliga webbsidor, källa på varje rad.",
    ),
    "geodata_missing": ("Kuntarajoja ei löydy.", "Municipality boundaries are missing.", "Kommungränserna saknas."),
    "nothing_found": ("Ei tuloksia näillä rajauksilla.", "Nothing matches these filters.", "Inga träffar med dessa filter."),
    "legend": ("Selite", "Legend", "Teckenförklaring"),
    "url_ignored": (
        "Osa linkistä ohitettiin:",
        "Part of the link was ignored:",
        "En del av länken ignorerades:",
    ),
    "url_reason_unknown_value": ("tuntematon arvo", "unknown value", "okänt värde"),
    "url_reason_unknown_choice": ("tuntematon valinta", "unknown choice", "okänt val"),
    "url_reason_not_a_year_range": ("ei vuosiväli (esim. 2014-2020)", "not a year range (e.g. 2014-2020)", "inte ett årsintervall (t.ex. 2014-2020)"),
    "url_reason_clamped": ("siirretty aineiston rajoihin", "moved into the range of the data", "flyttat till datans intervall"),
    "url_reason_not_a_number": ("ei luku", "not a number", "inte ett tal"),
    "url_reason_not_a_point": ("ei pistettä Suomessa (lat,lon)", "not a point in Finland (lat,lon)", "inte en punkt i Finland (lat,lon)"),
    "url_reason_too_long": ("liian pitkä, lyhennetty", "too long, shortened", "för lång, förkortad"),
    "url_reason_too_many": ("liian monta arvoa", "too many values", "för många värden"),
    "share_link": ("Linkki tähän näkymään: kopioi selaimen osoiterivi.", "Link to this view: copy the browser's address bar.", "Länk till denna vy: kopiera webbläsarens adressfält."),
}

_LABELS: Final[dict[str, dict[str, tuple[str, str, str]]]] = {
    "fund": {
        "EAFRD": ("Maaseuturahasto (EAFRD)", "Rural fund (EAFRD)", "Landsbygdsfonden (EJFLU)"),
        "ERDF": ("Aluekehitysrahasto (EAKR)", "Regional development fund (ERDF)", "Regionala utvecklingsfonden (ERUF)"),
        "ESF": ("Sosiaalirahasto (ESR)", "Social fund (ESF)", "Socialfonden (ESF)"),
        "ESF+": ("ESR+", "ESF+", "ESF+"),
        "JTF": ("Oikeudenmukaisen siirtymän rahasto (JTF)", "Just Transition Fund (JTF)", "Fonden för en rättvis omställning (FRO)"),
        "Interreg": ("Interreg", "Interreg", "Interreg"),
        "national": ("Kansallinen", "National", "Nationell"),
        "other": ("Muu", "Other", "Annan"),
        "unknown": ("Tuntematon", "Unknown", "Okänd"),
    },
    "theme": {
        "nature_tourism": ("Luontomatkailu", "Nature tourism", "Naturturism"),
        "green_care": ("Green Care", "Green Care", "Green Care"),
        "smart_villages": ("Älykkäät kylät", "Smart villages", "Smarta byar"),
        "youth": ("Nuoret", "Youth", "Unga"),
        "internationalisation": ("Kansainvälisyys", "Internationalisation", "Internationalisering"),
        "forest_bioeconomy": ("Metsä ja biotalous", "Forest and bioeconomy", "Skog och bioekonomi"),
        "environment_climate": ("Ympäristö ja ilmasto", "Environment and climate", "Miljö och klimat"),
        "business_development": ("Yritystoiminta", "Business development", "Företagsutveckling"),
        "culture_heritage": ("Kulttuuri ja perinne", "Culture and heritage", "Kultur och kulturarv"),
        "services_infrastructure": ("Palvelut ja infrastruktuuri", "Services and infrastructure", "Tjänster och infrastruktur"),
        "community_cooperation": ("Yhteisöt ja yhteistyö", "Communities and cooperation", "Gemenskap och samarbete"),
        "food_agriculture": ("Ruoka ja maatalous", "Food and agriculture", "Mat och jordbruk"),
        "skills_employment": ("Osaaminen ja työllisyys", "Skills and employment", "Kompetens och sysselsättning"),
        "": ("Ei teemaa", "No theme", "Inget tema"),
    },
    "status": {
        "planned": ("Suunnitteilla", "Planned", "Planerat"),
        "ongoing": ("Käynnissä", "Ongoing", "Pågående"),
        "ended": ("Päättynyt", "Ended", "Avslutat"),
        "unknown": ("Tuntematon", "Unknown", "Okänd"),
    },
    "period": {
        "2007-2013": ("2007–2013", "2007–2013", "2007–2013"),
        "2014-2020": ("2014–2020", "2014–2020", "2014–2020"),
        "2021-2027": ("2021–2027", "2021–2027", "2021–2027"),
        "unknown": ("Tuntematon", "Unknown", "Okänd"),
    },
    "category": {
        "national_park": ("Kansallispuisto", "National park", "Nationalpark"),
        "hiking_area": ("Retkeilyalue", "Hiking area", "Friluftsområde"),
        "nature_reserve": ("Luonnonsuojelualue", "Nature reserve", "Naturreservat"),
        "trail": ("Reitti", "Trail", "Led"),
        "geopark": ("Geopark", "Geopark", "Geopark"),
        "green_care": ("Green Care", "Green Care", "Green Care"),
        "guided_tour": ("Opastettu retki", "Guided tour", "Guidad tur"),
        "nature_wellbeing": ("Luontohyvinvointi", "Nature wellbeing", "Naturvälmående"),
        "activity": ("Aktiviteetti", "Activity", "Aktivitet"),
        "accommodation": ("Majoitus", "Accommodation", "Logi"),
        "farm_experience": ("Maatilaelämys", "Farm experience", "Gårdsupplevelse"),
        "other": ("Muu", "Other", "Annat"),
    },
    "money_basis": {
        "budget_total": ("kokonaisbudjetti", "total budget", "total budget"),
        "public_funding": ("julkinen rahoitus", "public funding", "offentlig finansiering"),
        "unknown": ("tuntematon", "unknown", "okänd"),
    },
}

_INDEX = {"fi": 0, "en": 1, "sv": 2}


def t(key: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The label of ``key`` in ``lang``."""
    entry = _T.get(key)
    if entry is None:
        return key
    return entry[_INDEX.get(lang, 0)] or entry[0]


def label(kind: str, value: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The label of a vocabulary value (fund, theme, status, period, category, money_basis)."""
    entry = _LABELS.get(kind, {}).get(value)
    if entry is None:
        return value
    return entry[_INDEX.get(lang, 0)] or entry[0]


def keys() -> list[str]:
    return list(_T)
