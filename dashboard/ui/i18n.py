"""Every text of the app, in Finnish (default), English and Swedish — one catalogue.

* ``t(key, lang)`` — a label; ``message(key, lang, escape=None, **params)`` — a message with
  ``{name}`` parameters (``escape`` is applied to the parameters only, e.g.
  ``safe_text.markdown_text`` for ``st.info``). A missing translation falls back to Finnish,
  a missing key to the key itself (visible, so a test can catch it).
* ``label(kind, value, lang)`` — vocabulary values (funds, themes, categories, statuses, periods).
* ``field_label(column, lang)`` — record columns as people read them (provenance, reports).
* ``localise_reason(text, lang)`` / ``localise_table(frame, lang)`` — the English sentences the
  loaders and importers write today (reasons, notes, warnings, errors), read back into the
  catalogue's messages until those modules hand over keys and parameters themselves.

``catalogue()`` lists every entry; the tests require all three languages everywhere and no
English words ("projects", "rejected", "reason", "warning", "None") in fi/sv texts.
"""

from __future__ import annotations

import re
from typing import Callable, Final

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
    "level_large_area": ("Suuralueet", "Large areas", "Storområden"),
    "kpi_on_map": ("Tällä kartalla", "On this map", "På denna karta"),
    "kpi_on_map_help": (
        "Kartan alueille kohdistettu rahoitus: vain tällä tai tarkemmalla tasolla sijoitettu raha. Loput näkyvät kartan yllä.",
        "Money placed in the map's areas: only money placed at this level or finer. Where the rest sits is shown above the map.",
        "Finansiering fördelad på kartans områden: bara pengar placerade på denna eller en finare nivå. Resten visas ovanför kartan.",
    ),
    "share_on_map": ("tällä kartalla", "on this map", "på denna karta"),
    "share_region_only": ("vain maakunta tiedossa", "region only", "bara landskap känt"),
    "share_large_area_only": ("vain suuralue tiedossa", "large area only", "bara storområde känt"),
    "share_national": ("valtakunnallinen", "national", "riksomfattande"),
    "share_unknown": ("alue tuntematon", "area unknown", "område okänt"),
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
    "charts": ("Kaaviot", "Charts", "Diagram"),
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
    "distance_km": ("Etäisyys", "Distance", "Avstånd"),
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
    # --- the contribution flow and the template (data page)
    "contrib.session_only": ("Kirjautumista ei ole otettu käyttöön: ladatut rivit näkyvät vain tässä istunnossa ja katoavat, kun sivu ladataan uudelleen.", "Sign-in is not configured: uploaded rows are shown in this session only and are gone when the page is reloaded.", "Inloggning är inte aktiverad: uppladdade rader visas bara under denna session och försvinner när sidan laddas om."),
    "contrib.sign_in_hint": ("Toimittajana voit tallentaa tiedostosi kaikkien nähtäväksi. Kirjautumatta rivit näkyvät vain tässä istunnossa.", "As an editor you can store your file for everyone. Without signing in, rows are shown in this session only.", "Som redaktör kan du spara filen för alla. Utan inloggning visas raderna bara under denna session."),
    "contrib.sign_in": ("Kirjaudu toimittajana", "Sign in as an editor", "Logga in som redaktör"),
    "contrib.username": ("Käyttäjätunnus", "Username", "Användarnamn"),
    "contrib.password": ("Salasana", "Password", "Lösenord"),
    "contrib.sign_in_button": ("Kirjaudu", "Sign in", "Logga in"),
    "contrib.missing": ("Anna käyttäjätunnus ja salasana.", "Give a username and a password.", "Ange användarnamn och lösenord."),
    "contrib.wrong": ("Väärä käyttäjätunnus tai salasana.", "Wrong username or password.", "Fel användarnamn eller lösenord."),
    "contrib.throttled": ("Liian monta epäonnistunutta kirjautumista tällä tunnuksella: yritä uudelleen {minutes} min kuluttua.", "Too many failed sign-ins for this username: try again in {minutes} min.", "För många misslyckade inloggningar för detta namn: försök igen om {minutes} min."),
    "contrib.sign_out": ("Kirjaudu ulos", "Sign out", "Logga ut"),
    "contrib.signed_in_as": ("Kirjautunut", "Signed in as", "Inloggad som"),
    "contrib.everywhere": ("koko maa", "the whole country", "hela landet"),
    "contrib.stored_for_all": ("Vahvistettu tiedosto tallennetaan kaikkien nähtäväksi.", "A confirmed file is stored for everyone to see.", "En bekräftad fil sparas så att alla ser den."),
    "contrib.refused_area": ("Alueesi ulkopuolella, ei tallenneta", "Outside your area, not stored", "Utanför ditt område, sparas inte"),
    "contrib.existing": ("Nämä tunnisteet ovat jo tiedoissa", "These ids are already in the data", "Dessa id finns redan i datan"),
    "contrib.on_existing": ("Olemassa olevat tunnisteet", "Existing ids", "Befintliga id"),
    "contrib.skip": ("Ohita (säilytä nykyiset)", "Skip (keep the current records)", "Hoppa över (behåll nuvarande)"),
    'contrib.replace': ('Korvaa tiedoston riveillä', "Replace with the file's rows", 'Ersätt med filens rader'),
    "contrib.confirm": ("Vahvista ja tallenna kaikille", "Confirm and store for everyone", "Bekräfta och spara för alla"),
    "contrib.to_store": ("tallennetaan", "to be stored", "sparas"),
    "contrib.stored": ("Tallennettu erä", "Stored batch", "Sparad sats"),
    "contrib.nothing_to_store": ("Ei tallennettavia rivejä.", "No rows to store.", "Inga rader att spara."),
    "contrib.already_stored": ("Tämä tiedosto on jo tallennettu erässä", "This file is already stored as batch", "Denna fil är redan sparad som sats"),
    'contrib.contributions': ('Toimittajien lisäämät tiedot', "Editors' contributions", 'Redaktörernas tillägg'),
    "contrib.no_contributions": ("Ei voimassa olevia lisäyksiä.", "No contributions in use.", "Inga tillägg i bruk."),
    "contrib.withdraw": ("Peru erä", "Withdraw batch", "Dra tillbaka satsen"),
    "contrib.withdrawn": ("Erä peruttu", "Batch withdrawn", "Satsen tillbakadragen"),
    "contrib.store_error": ("Tallennus epäonnistui, mitään ei tallennettu", "Storing failed; nothing was stored", "Sparandet misslyckades; inget sparades"),
    "contrib.batch": ("Erä", "Batch", "Sats"),
    "contrib.editor": ("Toimittaja", "Editor", "Redaktör"),
    "contrib.time": ("Aika (UTC)", "Time (UTC)", "Tid (UTC)"),
    "contrib.file": ("Tiedosto", "File", "Fil"),
    "contrib.records": ("Rivejä", "Records", "Rader"),
    "contrib.status": ("Tila", "Status", "Status"),
    'template_button': ('Lomakepohja (Excel)', 'Template (Excel)', 'Blankett (Excel)'),
    'template_help': ('Täytä hankkeet tai palvelut lomakkeelle ja tuo se alla. Pudotusvalikot, kuntien nimet ja ohjeet ovat mukana.', 'Fill in projects or services in the template and upload it below. Drop-down lists, municipality names and instructions included.', 'Fyll i projekt eller tjänster på blanketten och importera den nedan. Rullgardinsmenyer, kommunnamn och instruktioner ingår.'),
    "share_link": ("Linkki tähän näkymään: kopioi selaimen osoiterivi.", "Link to this view: copy the browser's address bar.", "Länk till denna vy: kopiera webbläsarens adressfält."),
    # --- money measure (issue 8 §3): which money a sum adds up
    "measure": ("Rahamäärä", "Money measure", "Penningmått"),
    "measure_mix": ("Yhdistelmä (budjetti tai julkinen)", "Mix (budget or public)", "Kombination (budget eller offentlig)"),
    "measure_budget": ("Kokonaisbudjetti", "Total budget", "Total budget"),
    "measure_public": ("Julkinen rahoitus", "Public funding", "Offentlig finansiering"),
    "measure_granted": ("Myönnetty EU- ja valtion rahoitus", "EU + state funding granted", "Beviljad EU- och statsfinansiering"),
    "measure_paid": ("Maksettu EU- ja valtion rahoitus", "EU + state funding paid", "Utbetald EU- och statsfinansiering"),
    "measure_public_paid": ("Maksettu julkinen rahoitus", "Public funding paid", "Utbetald offentlig finansiering"),
    "measure_help": (
        "Mikä rahamäärä summataan. Yhdistelmä on sekoitus: hankkeen kokonaisbudjetti, kun se tiedetään, muuten sen julkinen rahoitus. Muut ovat yksi sarake kukin; summa kattaa vain hankkeet, joilla on tämä rahamäärä.",
        "Which money is added up. The mix is a mix: a project's total budget where known, else its public funding. The others are one column each; a sum covers only the projects that have that amount.",
        "Vilket belopp som summeras. Kombinationen är en blandning: projektets totala budget där den är känd, annars dess offentliga finansiering. De andra är en kolumn var; en summa täcker bara projekt som har det beloppet.",
    ),
    "measure_mix_note": (
        "Yhdistelmä: kokonaisbudjetti, kun se tiedetään, muuten julkinen rahoitus — ei yksi rahamäärä.",
        "Mix: the total budget where known, else public funding — not one measure.",
        "Kombination: total budget där den är känd, annars offentlig finansiering — inte ett mått.",
    ),
}

_MESSAGES: Final[dict[str, tuple[str, str, str]]] = {
    # Messages with parameters, keyed by a stable id: message(key, lang, **params).
    # key: (fi, en, sv)
    # --- rows rejected while loading (dashboard/core/records.py, schema.py, parsing.py, names.py)
    "reason.empty_row": ("tyhjä rivi", "empty row", "tom rad"),
    "reason.outside_area": ("alueesi ({area}) ulkopuolella: {listed}", "outside your area ({area}): {listed}", "utanför ditt område ({area}): {listed}"),
    "reason.too_many_fields": (
        "rivillä on enemmän kenttiä kuin otsikossa (erotinmerkki arvon sisällä ilman lainausmerkkejä?)",
        "the row has more fields than the header (an unquoted delimiter inside a value?)",
        "raden har fler fält än rubriken (en avgränsare inuti ett värde utan citattecken?)",
    ),
    "reason.unknown_theme": ("tuntematon teema ”{theme}” (teemat: {themes})", "unknown theme '{theme}' (themes: {themes})", "okänt tema ”{theme}” (teman: {themes})"),
    "reason.unknown_municipality": ("tuntematon kunta ”{name}”{hint}", "unknown municipality '{name}'{hint}", "okänd kommun ”{name}”{hint}"),
    "reason.unknown_region": ("tuntematon maakunta ”{name}”{hint}", "unknown region '{name}'{hint}", "okänt landskap ”{name}”{hint}"),
    "reason.did_you_mean": (" (tarkoititko: {suggestions}?)", " (did you mean: {suggestions}?)", " (menade du: {suggestions}?)"),
    "reason.lat_lon_together": ("leveys- ja pituusaste on annettava yhdessä", "lat and lon must be given together", "latitud och longitud måste anges tillsammans"),
    "reason.lat_lon_swapped": (
        "leveys- ja pituusaste näyttävät olevan väärin päin (lat={lat}, lon={lon}); Suomi on välillä lat 59–70, lon 19–32",
        "latitude and longitude look swapped (lat={lat}, lon={lon}); Finland is at lat 59–70, lon 19–32",
        "latitud och longitud verkar ha bytt plats (lat={lat}, lon={lon}); Finland ligger på lat 59–70, lon 19–32",
    ),
    "reason.exact_without_point": (
        "sijainnin tarkkuudeksi on merkitty tarkka, mutta koordinaatit puuttuvat",
        "location_precision is exact but lat/lon are missing",
        "lägesnoggrannheten är angiven som exakt men koordinaterna saknas",
    ),
    "reason.service_one_municipality": ("palvelulla on yksi kunta (anna pääasiallinen)", "a service has one municipality (give the main one)", "en tjänst har en kommun (ange den huvudsakliga)"),
    "reason.no_location": ("ei sijaintia: anna koordinaatit tai kunta", "no location: give lat/lon or a municipality", "inget läge: ange koordinater eller en kommun"),
    "reason.one_municipality_per_row": ("yksi kunta riviä kohden", "one municipality per row", "en kommun per rad"),
    "reason.municipality_empty": ("kunta puuttuu", "municipality is empty", "kommun saknas"),
    "reason.date_format": (
        "päivämäärä ”{value}” ei ole muotoa 2024-06-30 tai 30.6.2024",
        "date '{value}' is not ISO (2024-06-30) or Finnish (30.6.2024)",
        "datumet ”{value}” har inte formen 2024-06-30 eller 30.6.2024",
    ),
    "reason.date_missing_day": ("päivämäärää ”{value}” ei ole olemassa", "date '{value}' does not exist", "datumet ”{value}” finns inte"),
    "reason.amount_format": (
        "summa ”{value}” ei ole euromäärä (esim. 116 475 €)",
        "amount '{value}' is not a number of euros (e.g. 116 475 €)",
        "beloppet ”{value}” är inte ett eurobelopp (t.ex. 116 475 €)",
    ),
    "reason.decimal_format": ("”{value}” ei ole desimaaliluku", "'{value}' is not a decimal number", "”{value}” är inte ett decimaltal"),
    "reason.web_address": (
        "{field}: verkko-osoitteen on alettava http:// tai https://",
        "{field} must be a web address starting with http:// or https://",
        "{field}: webbadressen måste börja med http:// eller https://",
    ),
    "reason.id_empty": ("tunnus puuttuu", "id is empty", "id saknas"),
    "reason.duplicate_id": ("sama tunnus on jo aiemmalla rivillä", "duplicate id (an earlier row has the same id)", "samma id finns redan på en tidigare rad"),
    "reason.name_empty": ("nimi puuttuu", "name is empty", "namn saknas"),
    "reason.one_of": ("{field}: arvon on oltava jokin näistä: {values}", "{field} must be one of {values}", "{field}: värdet måste vara ett av {values}"),
    "reason.latitude_outside": ("leveysaste on Suomen ulkopuolella ({low}–{high})", "latitude is outside Finland ({low}–{high})", "latituden ligger utanför Finland ({low}–{high})"),
    "reason.longitude_outside": ("pituusaste on Suomen ulkopuolella ({low}–{high})", "longitude is outside Finland ({low}–{high})", "longituden ligger utanför Finland ({low}–{high})"),
    "reason.duplicate_group_row": (
        "sama ryhmä, kunta ja kausi ovat jo aiemmalla rivillä",
        "the same group, municipality and period appear on an earlier row",
        "samma grupp, kommun och period finns redan på en tidigare rad",
    ),
    "reason.negative": ("{field} on negatiivinen", "{field} is negative", "{field} är negativt"),
    "reason.end_before_start": ("loppupäivä on ennen alkupäivää", "end_date is before start_date", "slutdatum är före startdatum"),
    "reason.group_empty": ("Leader-ryhmä puuttuu", "leader_group is empty", "Leadergrupp saknas"),
    "reason.not_yes_no": ("”{value}” ei ole kyllä/ei (true/false, kyllä/ei)", "'{value}' is not yes/no (true/false, kyllä/ei)", "”{value}” är inte ja/nej (true/false, kyllä/ei)"),
    "reason.in_field": ("{field}: {text}", "{field}: {text}", "{field}: {text}"),
    # --- rows rejected by importers (dashboard/io/importers/*)
    "reason.eura_no_code": (
        "ensimmäisessä kentässä ei ole hanketunnusta (Koodi, esim. A70253, S10324, A123456789)",
        "no project code (Koodi like A70253, S10324, A123456789) in the first field",
        "inget projektnummer (Koodi, t.ex. A70253, S10324, A123456789) i första fältet",
    ),
    "reason.eura_no_axis": ("nimen ja viranomaisen välissä ei ole toimintalinjaa (Tl)", "no priority axis (Tl) between the name and the authority", "inget insatsområde (Tl) mellan namnet och myndigheten"),
    "reason.eura_authority": ("myöntävää viranomaista ei tunnistettu: ”{authority}”", "granting authority not recognised: '{authority}'", "den beviljande myndigheten känns inte igen: ”{authority}”"),
    "reason.eura_cut_after_status": (
        "rivi katkeaa tilan jälkeen: päivämäärät, toteuttaja ja summat puuttuvat",
        "the row is cut after the status: dates, implementer and amounts are missing",
        "raden tar slut efter statusen: datum, genomförare och belopp saknas",
    ),
    "reason.eura_dates": ("alku- ja loppupäivää ei voi erottaa (löytyi {dates})", "cannot tell the start and end dates apart (found {dates})", "start- och slutdatum kan inte skiljas åt (hittade {dates})"),
    "reason.eura_amounts_cut": ("rivi katkeaa: neljästä summasta alle kolme on mukana", "the row is cut: fewer than three of the four amounts are present", "raden tar slut: färre än tre av de fyra beloppen finns"),
    "reason.eura_amounts_unplaced": ("summia ei voi sijoittaa sarakkeisiin: {slots}", "amounts cannot be placed: {slots}", "beloppen kan inte placeras: {slots}"),
    "reason.page_no_project": (
        "tekstistä ei tunnistettu hanketta (ei nimiriviä, päivämääriä eikä nimettyjä kenttiä)",
        "no project could be recognised in the text (no name line, dates or labelled fields)",
        "inget projekt kunde kännas igen i texten (ingen namnrad, inga datum eller namngivna fält)",
    ),
    "reason.feature_no_geometry": ("kohteella ei ole käyttökelpoista geometriaa", "feature without a usable geometry", "objektet saknar användbar geometri"),
    "reason.not_nature_service": ("ei luontokohde eikä -palvelu (tagit: {tags})", "not a nature destination or service (tags: {tags})", "inte ett naturmål eller en naturtjänst (taggar: {tags})"),
    "reason.feature_no_name": ("kohteelta {feature} puuttuu nimi", "{feature} has no name", "{feature} saknar namn"),
    "reason.placemark_no_name": ("paikkamerkiltä puuttuu nimi", "placemark without a name", "platsmärket saknar namn"),
    "reason.placemark_no_point": (
        "kohteella ”{name}” ei ole pistekoordinaatteja (viivat ja alueet eivät ole palveluita)",
        "'{name}' has no point coordinates (lines and areas are not services)",
        "”{name}” har inga punktkoordinater (linjer och områden är inte tjänster)",
    ),
    "reason.placemark_bad_coordinates": (
        "”{name}”: koordinaatit ”{coordinates}” eivät ole muotoa pituusaste,leveysaste",
        "'{name}': coordinates '{coordinates}' are not lon,lat",
        "”{name}”: koordinaterna ”{coordinates}” har inte formen longitud,latitud",
    ),
    # --- whole files refused (dashboard/io)
    "error.file_type": ("tiedostotyyppiä {suffix} ei hyväksytä; lataa jokin näistä: {allowed}", "file type {suffix} is not accepted; upload one of {allowed}", "filtypen {suffix} godkänns inte; ladda upp en av {allowed}"),
    "error.file_too_large": ("tiedosto on {size}; raja on {limit}", "the file is {size}; the limit is {limit}", "filen är {size}; gränsen är {limit}"),
    "error.csv_holds_json": ("tiedoston nimi päättyy .csv, mutta se sisältää JSONia; nimeä se .geojson", "the file is named .csv but holds JSON; rename it .geojson", "filen heter .csv men innehåller JSON; byt namn till .geojson"),
    "error.unknown_format": ("tuntematon tiedostomuoto ”{format}”; muodot: {formats}", "unknown format '{format}'; formats: {formats}", "okänt filformat ”{format}”; format: {formats}"),
    "error.not_kind_file": (
        "tämä ei näytä {kind}-tiedostolta: sarakkeet {missing} puuttuvat (odotetut sarakkeet: {columns})",
        "this does not look like a {kind} file: the columns {missing} are missing (expected columns: {columns})",
        "detta ser inte ut som en {kind}-fil: kolumnerna {missing} saknas (förväntade kolumner: {columns})",
    ),
    "error.not_eura": (
        "tämä ei ole EURA-hankelista: odotetut sarakkeet ovat Koodi, Rahasto, Hankkeen/Projektin nimi, Viranomainen, Aloituspvm …",
        "this is not a EURA project list: expected the columns Koodi, Rahasto, Hankkeen/Projektin nimi, Viranomainen, Aloituspvm …",
        "detta är ingen EURA-projektlista: kolumnerna Koodi, Rahasto, Hankkeen/Projektin nimi, Viranomainen, Aloituspvm … förväntas",
    ),
    "error.not_csv": ("tiedosto ei ole luettava CSV-tiedosto: {detail}", "not a readable CSV file: {detail}", "filen är ingen läsbar CSV-fil: {detail}"),
    "error.not_excel": ("tiedosto ei ole luettava Excel-tiedosto: {detail}", "not a readable Excel file: {detail}", "filen är ingen läsbar Excel-fil: {detail}"),
    "error.empty_file": ("tiedosto on tyhjä", "the file is empty", "filen är tom"),
    "error.binary_file": ("tiedosto on binääritiedosto (siinä on NUL-tavuja), ei CSV-tekstiä", "the file is binary (it contains NUL bytes), not a text CSV file", "filen är binär (den innehåller NUL-byte), ingen CSV-text"),
    "error.duplicate_header": ("otsikkorivillä toistuvat sarakkeet {columns}", "the header repeats the columns {columns}", "rubrikraden upprepar kolumnerna {columns}"),
    "error.not_geojson": ("tiedosto ei ole kelvollista GeoJSONia: {detail}", "not valid GeoJSON: {detail}", "filen är inte giltig GeoJSON: {detail}"),
    "error.not_feature_collection": ("tiedosto ei ole GeoJSON FeatureCollection", "not a GeoJSON FeatureCollection", "filen är ingen GeoJSON FeatureCollection"),
    "error.not_kohesio": ("tämä ei ole Kohesio-vienti: sarakkeet {missing} puuttuvat", "this is not a Kohesio export: the columns {missing} are missing", "detta är ingen Kohesio-export: kolumnerna {missing} saknas"),
    "error.not_rural_page": (
        "tämä ei ole maaseuturahaston hankerekisterin sivu: ”Hankenumero” ja ”Ohjelma/Rahasto” puuttuvat",
        "this is not a rural-fund register page: no 'Hankenumero' and 'Ohjelma/Rahasto'",
        "detta är ingen sida ur landsbygdsfondens projektregister: ”Hankenumero” och ”Ohjelma/Rahasto” saknas",
    ),
    "error.not_rural_table": (
        "tämä ei ole maaseuturahaston hanketaulukko: sarakkeet Hankenumero ja Ohjelma/Rahasto tarvitaan",
        "this is not a rural-fund register table: the columns Hankenumero and Ohjelma/Rahasto are required",
        "detta är ingen tabell ur landsbygdsfondens projektregister: kolumnerna Hankenumero och Ohjelma/Rahasto krävs",
    ),
    "error.not_kmz": ("tiedosto ei ole luettava KMZ-tiedosto: {detail}", "not a readable KMZ file: {detail}", "filen är ingen läsbar KMZ-fil: {detail}"),
    "error.kmz_no_kml": ("KMZ-tiedostossa ei ole .kml-asiakirjaa", "the KMZ file holds no .kml document", "KMZ-filen innehåller inget .kml-dokument"),
    "error.kmz_too_large": ("KMZ-asiakirja on purettuna liian suuri ({size}; raja {limit})", "the KMZ document is too large when unpacked ({size}; the limit is {limit})", "KMZ-dokumentet är för stort uppackat ({size}; gränsen är {limit})"),
    "error.not_kml": ("tiedosto ei ole luettava KML-tiedosto: {detail}", "not a readable KML file: {detail}", "filen är ingen läsbar KML-fil: {detail}"),
    "error.kml_refused": ("KML-tiedosto hylättiin turvallisuussyistä ({detail})", "the KML file was refused for safety ({detail})", "KML-filen avvisades av säkerhetsskäl ({detail})"),
    "error.not_kml_root": ("tiedosto ei ole KML-asiakirja (juurielementti ei ole <kml>)", "not a KML document (the root element is not <kml>)", "filen är inget KML-dokument (rotelementet är inte <kml>)"),
    "error.limit_exceeded": ("{what}: raja on {limit}, tiedostossa {found}", "{what}: the limit is {limit}, the file has {found}", "{what}: gränsen är {limit}, filen har {found}"),
    "error.unexpected": ("Tiedostoa ei voitu lukea. Tarkista tiedostomuoto tai kokeile toista tiedostoa.", "The file could not be read. Check the file format or try another file.", "Filen kunde inte läsas. Kontrollera filformatet eller försök med en annan fil."),
    # --- notes and warnings while loading
    "note.columns_treated_empty": ("tiedostosta puuttuvat sarakkeet, luettu tyhjinä: {columns}", "columns not in the file, treated as empty: {columns}", "kolumner som saknas i filen, lästa som tomma: {columns}"),
    "note.columns_ignored": ("sarakkeet, joita ei käytetty: {columns}", "columns ignored: {columns}", "kolumner som inte används: {columns}"),
    "note.kml_no_placemarks": ("KML-asiakirjassa ei ole paikkamerkkejä", "the KML document has no placemarks", "KML-dokumentet har inga platsmärken"),
    "note.kml_map": ("kartta: {name}", "map: {name}", "karta: {name}"),
    "note.nuts3_not_finnish": ("rivi {row}: NUTS3-koodi {code} ei ole Suomen maakunta; alue tuntematon", "row {row}: NUTS3 code {code} is not a Finnish region; area unknown", "rad {row}: NUTS3-koden {code} är inget finländskt landskap; område okänt"),
    "note.kohesio_budget": (
        "kokonaisbudjetti = Total_Eligible_Expenditure_amount; EU-osuutta (Project_EU_Budget) ei tallenneta, koska se ei ole koko julkinen rahoitus",
        "budget_total_eur = Total_Eligible_Expenditure_amount; the EU share (Project_EU_Budget) is not public funding in full and is not stored",
        "total budget = Total_Eligible_Expenditure_amount; EU-andelen (Project_EU_Budget) sparas inte eftersom den inte är hela den offentliga finansieringen",
    ),
    "note.area_point_inside": ("(alue; piste sen sisällä)", "(area; point inside it)", "(område; punkt inuti det)"),
    "warning.url_completed": ("{field} ”{value}” täydennetty muotoon http://{value}", "{field} '{value}' completed to http://{value}", "{field} ”{value}” kompletterad till http://{value}"),
    "warning.read_as": ("{kind} ”{reference}” luettiin: {name} ({code}) [{method}]", "{kind} '{reference}' read as {name} ({code}) [{method}]", "{kind} ”{reference}” lästes som {name} ({code}) [{method}]"),
    "warning.point_in_other_municipality": (
        "piste on kunnassa {found}, tietueessa mainitaan {stated}",
        "the point lies in {found}, the record names {stated}",
        "punkten ligger i {found}, posten nämner {stated}",
    ),
    "warning.point_outside_polygons": (
        "piste on 1:4,5 milj. kuntarajojen ulkopuolella (meri tai raja); käytetään kuntaa {stated}",
        "the point lies outside the 1:4.5M municipality polygons (sea or border); using {stated}",
        "punkten ligger utanför kommungränserna i skala 1:4,5 milj. (hav eller gräns); {stated} används",
    ),
    "match.code": ("koodi", "code", "kod"),
    "match.name": ("nimi", "name", "namn"),
    "match.alias": ("muu nimi", "alias", "annat namn"),
    "match.former": ("entinen kunta", "former municipality", "tidigare kommun"),
    "match.inflected": ("taivutettu muoto", "inflected form", "böjd form"),
    "match.fuzzy": ("lähin vastine", "closest match", "närmaste träff"),
    # --- what the data page and uploads show
    "kind.projects": ("hankkeet", "projects", "projekt"),
    "kind.services": ("palvelut", "services", "tjänster"),
    "kind.leader_groups": ("Leader-ryhmät", "Leader groups", "Leadergrupper"),
    "upload_counts": (
        "Luettu {read} riviä: {accepted} hyväksytty, {recovered} korjattu, {rejected_count} hylätty.",
        "Read {read} rows: {accepted} accepted, {recovered} recovered, {rejected_count} rejected.",
        "Läste {read} rader: {accepted} godkända, {recovered} reparerade, {rejected_count} avvisade.",
    ),
    "upload_counts_differ": (
        "Tiedostossa on {physical} fyysistä riviä, mutta {read} tietuetta luettiin: {detail}",
        "The file has {physical} physical lines but {read} records were read: {detail}",
        "Filen har {physical} fysiska rader men {read} poster lästes: {detail}",
    ),
    "uploaded_rows_in_use": ("Omia rivejä käytössä tässä istunnossa: {kind} {count}", "Own rows in use in this session: {kind} {count}", "Egna rader i bruk under denna session: {kind} {count}"),
    "warnings_of_file": ("{file}: huomautuksia {count}", "{file}: warnings {count}", "{file}: varningar {count}"),
    "source.boundaries": (
        "Maanmittauslaitos, Tilastokeskuksen rajapinnan kautta (kunta4500k, maakunta4500k)",
        "National Land Survey of Finland, via the Statistics Finland WFS (kunta4500k, maakunta4500k)",
        "Lantmäteriverket, via Statistikcentralens gränssnitt (kunta4500k, maakunta4500k)",
    ),
    "source.population": ("Tilastokeskus, taulukko 11ra (väestö)", "Statistics Finland, table 11ra (population)", "Statistikcentralen, tabell 11ra (befolkning)"),
    "source.projects": ("Hankkeet: julkiset hankesivut (lähde jokaisella rivillä)", "Projects: public project pages (source on every row)", "Projekt: offentliga projektsidor (källa på varje rad)"),
    "source.services": (
        "Luontopalvelut: Metsähallitus, Wikipedia ja palveluntarjoajien sivut (lähde jokaisella rivillä)",
        "Nature services: Metsähallitus, Wikipedia and operators' pages (source on every row)",
        "Naturtjänster: Forststyrelsen, Wikipedia och anordnarnas sidor (källa på varje rad)",
    ),
    "source.leader_groups": ("Leader-ryhmät: ryhmien omat sivut (lähde jokaisella rivillä)", "Leader groups: the groups' own pages (source on every row)", "Leadergrupper: gruppernas egna sidor (källa på varje rad)"),
    "source.eura-2007-2013": (
        "Rakennerahastot (EAKR/ESR) 2007–2013: koko hankeluettelo (EURA 2007 -vienti)",
        "ERDF/ESF 2007–2013: the full project list (EURA 2007 export)",
        "ERUF/ESF 2007–2013: hela projektlistan (export från EURA 2007)",
    ),
    "source.eura-2014-2020": (
        "Rakennerahastot (EAKR/ESR) 2014–2020: vientihetkeen mennessä päätetyt hankkeet (EURA 2014 -vienti)",
        "ERDF/ESF 2014–2020: the projects decided by the export date (EURA 2014 export)",
        "ERUF/ESF 2014–2020: projekten som beslutats fram till exportdagen (export från EURA 2014)",
    ),
    "source.curated": (
        "Maaseuturahasto, Leader, JTF, Interreg ja muut: otos ryhmien ja rahoittajien julkisilta sivuilta – ei kokonaismäärä",
        "EAFRD, Leader, JTF, Interreg and others: a sample compiled from public pages – not a total",
        "Landsbygdsfonden, Leader, FRO, Interreg m.fl.: ett urval från offentliga sidor – inte en helhet",
    ),
    "coverage_help": (
        "Mukana: {parts}.",
        "Covers: {parts}.",
        "Omfattar: {parts}.",
    ),
    "source.basemap": ("OpenStreetMap-taustakartta (valinnainen)", "OpenStreetMap basemap tiles (optional)", "OpenStreetMap-bakgrundskarta (valfri)"),
    "licence.cc_by_4": ("CC BY 4.0", "CC BY 4.0", "CC BY 4.0"),
    "licence.facts": ("tosiasioita; lähde jokaisella rivillä", "facts; source on every row", "fakta; källa på varje rad"),
    "licence.odbl": ("ODbL", "ODbL", "ODbL"),
    "attribution.boundaries": (
        "© Maanmittauslaitos, CC BY 4.0 (rajat Tilastokeskuksen kautta)",
        "© National Land Survey of Finland, CC BY 4.0 (boundaries via Statistics Finland)",
        "© Lantmäteriverket, CC BY 4.0 (gränser via Statistikcentralen)",
    ),
    "attribution.population": ("Tilastokeskus, CC BY 4.0 (väestö)", "Statistics Finland, CC BY 4.0 (population)", "Statistikcentralen, CC BY 4.0 (befolkning)"),
    # --- notices
    "notice.url_ignored": ("Osoitteen osaa ei voitu käyttää, ja se ohitettiin: {parts}", "Part of the address could not be used and was ignored: {parts}", "En del av adressen kunde inte användas och ignorerades: {parts}"),
    "notice.map_selection": ("Kartalta valittu: {area}", "Selected on the map: {area}", "Valt på kartan: {area}"),
    "notice.no_geodata": (
        "Kuntarajoja ei löydy. Ylläpitäjä: hae rajat komennolla make geodata.",
        "Municipality boundaries are missing. Administrators: fetch them with make geodata.",
        "Kommungränserna saknas. Administratörer: hämta dem med make geodata.",
    ),
    "notice.area_share": (
        "{count} hanketta koskee aluetta {area}; niiden kokonaissumma {total}; alueelle kohdistettu {allocated}",
        "{count} projects touch {area}; their total {total}; allocated to {area} {allocated}",
        "{count} projekt berör {area}; deras totalsumma {total}; fördelat på {area} {allocated}",
    ),
    "notice.sum_covers": ("{measure}, {count} hanketta", "{measure}, {count} projects", "{measure}, {count} projekt"),
    "notice.measure_sum": ("{measure}: {total} · {count} hanketta", "{measure}: {total} · {count} projects", "{measure}: {total} · {count} projekt"),
    "distance.in_municipality": ("{municipality} (ei tarkkaa sijaintia)", "in {municipality} (no exact location)", "i {municipality} (inget exakt läge)"),
    "distance.no_location": ("sijainti tuntematon", "location unknown", "läget okänt"),
    "distance.approximate_note": (
        "Kunnan tarkkuudella tunnetut palvelut näytetään tarkkojen pisteiden jälkeen ilman etäisyyttä.",
        "Services known only by municipality are listed after exact points, without a distance.",
        "Tjänster som bara är kända per kommun visas efter de exakta punkterna, utan avstånd.",
    ),
    # --- charts and rankings
    "chart_empty": ("Ei kuvattavaa näillä rajauksilla.", "Nothing to chart with these filters.", "Inget att visa i diagram med dessa filter."),
    "chart_no_dates": (
        "Vuosikaaviota ei voi piirtää: yhdenkään valitun hankkeen alku- ja loppupäivää ei tiedetä.",
        "No year chart: none of the selected projects has known start and end dates.",
        "Inget årsdiagram: inget av de valda projekten har kända start- och slutdatum.",
    ),
    "chart_no_amounts": ("Euromääriä ei tiedetä; kaaviossa hankkeiden määrät.", "Amounts are unknown; the chart shows project counts.", "Beloppen är okända; diagrammet visar antal projekt."),
    "chart_funders_unknown": ("rahoittaja tuntematon: {count}", "funder unknown: {count}", "finansiär okänd: {count}"),
    "ranking_areas": ("Alueet järjestyksessä", "Areas ranked", "Områden i ordning"),
    "ranking_implementers": ("Suurimmat toteuttajat", "Top implementers", "Största genomförare"),
    "ranking_funders": ("Suurimmat rahoittajat", "Top funders", "Största finansiärer"),
    "rank": ("Sija", "Rank", "Plats"),
    "share": ("Osuus", "Share", "Andel"),
    "metric_share": ("Osuus euroista", "Share of euros", "Andel av euro"),
    "area": ("Alue", "Area", "Område"),
    "place_names": ("Paikannimet", "Place names", "Ortnamn"),
    "legend_toggle": ("Selite", "Legend", "Teckenförklaring"),
    # --- rankings beside the map, tables for people (helper "ui", issue 12)
    "ranking_tab_areas": ("Alueet", "Areas", "Områden"),
    "ranking_sort": ("Järjestä", "Sort by", "Sortera efter"),
    "ranking_click_hint": (
        "Valitse rivi rajataksesi alueeseen, kuten kartalla.",
        "Select a row to filter to that area, as on the map.",
        "Välj en rad för att filtrera på området, som på kartan.",
    ),
    "ranking_share_note": (
        "Osuus = alueen osuus listan alueiden euroista ({total}).",
        "Share = the area's share of the listed areas' euros ({total}).",
        "Andel = områdets andel av de listade områdenas euro ({total}).",
    ),
    "ranking_zero_areas": (
        "{count} alueella ei ole yhtään tälle tasolle sijoitettua hanketta.",
        "{count} areas have no project placed at this level.",
        "{count} områden har inget projekt placerat på denna nivå.",
    ),
    "ranking_area_money_note": (
        "Euroa = valitulle alueelle kohdistettu osuus; useamman tahon hanke lasketaan jokaiselle.",
        "Euros = the share placed in the chosen area; a project naming several counts for each.",
        "Euro = andelen som placerats i det valda området; ett projekt med flera aktörer räknas för var och en.",
    ),
    "ranking_whole_money_note": (
        "Euroa = hankkeiden koko summa; useamman tahon hanke lasketaan jokaiselle.",
        "Euros = the projects' whole amounts; a project naming several counts for each.",
        "Euro = projektens hela belopp; ett projekt med flera aktörer räknas för var och en.",
    ),
    "ranking_unnamed": ("Nimeämättä {count} hankkeessa.", "Not named in {count} projects.", "Inte namngiven i {count} projekt."),
    "upload_button": ("Valitse tiedosto", "Browse files", "Välj fil"),
    "search_services": ("Haku (nimi, tarjoaja, kuvaus)", "Search (name, provider, description)", "Sök (namn, anordnare, beskrivning)"),
    "upload_limit": ("Enintään {mb} Mt tiedostoa kohden", "At most {mb} MB per file", "Högst {mb} MB per fil"),
    # --- upload limits (dashboard/core/limits.py keys; localise_limit fills them)
    "limit.file_bytes": ("tiedosto on {found_mib} MiB ({found} tavua); raja on {limit_mib} MiB", "the file is {found_mib} MiB ({found} bytes); the limit is {limit_mib} MiB", "filen är {found_mib} MiB ({found} byte); gränsen är {limit_mib} MiB"),
    "limit.unpacked_bytes": ("tiedosto purkautuu vähintään {found_mib} MiB:ksi; raja on {limit_mib} MiB purettuna", "the file unpacks to {found_mib} MiB or more; the limit is {limit_mib} MiB unpacked", "filen packas upp till minst {found_mib} MiB; gränsen är {limit_mib} MiB uppackat"),
    "limit.zip_ratio": ("'{member}' purkautuu {found}-kertaiseksi pakattuun kokoonsa nähden (zip-pommi?); raja on {limit}-kertainen", "'{member}' unpacks {found}× its packed size (a zip bomb?); the limit is {limit}×", "'{member}' packas upp till {found} gånger sin packade storlek (en zip-bomb?); gränsen är {limit} gånger"),
    "limit.zip_members": ("arkistossa on {found} tiedostoa; raja on {limit}", "the archive holds {found} files; the limit is {limit}", "arkivet innehåller {found} filer; gränsen är {limit}"),
    "limit.rows": ("tiedostossa on yli {limit} riviä ({figure} {unit}); raja on {limit} riviä", "the file has more than {limit} rows ({figure} {unit}); the limit is {limit} rows", "filen har fler än {limit} rader ({figure} {unit}); gränsen är {limit} rader"),
    "limit.unit.lines_after_header": ("riviä otsikon jälkeen", "lines after the header", "rader efter rubriken"),
    "limit.unit.sheet_rows": ("riviä tai enemmän taulukossa", "or more rows in the sheet", "rader eller fler i bladet"),
    "limit.unit.placemarks": ("kohdetta tai enemmän", "or more placemarks", "platsmärken eller fler"),
    "limit.unit.features": ("kohdetta", "features", "objekt"),
    "limit.unit.rows": ("riviä", "rows found", "rader"),
    "limit.sheet_rows": ("taulukko '{sheet}' ilmoittaa {found} riviä ({ref}); raja on {limit} riviä", "the sheet '{sheet}' claims {found} rows ({ref}); the limit is {limit} rows", "bladet '{sheet}' anger {found} rader ({ref}); gränsen är {limit} rader"),
    "limit.sheet_columns": ("taulukko '{sheet}' ilmoittaa {found} saraketta ({ref}); raja on {limit} saraketta", "the sheet '{sheet}' claims {found} columns ({ref}); the limit is {limit} columns", "bladet '{sheet}' anger {found} kolumner ({ref}); gränsen är {limit} kolumner"),
    "limit.columns": ("tiedostossa on {found} saraketta; raja on {limit}", "the file has {found} columns; the limit is {limit}", "filen har {found} kolumner; gränsen är {limit}"),
    "limit.cell_chars": ("{where}solussa on {found} merkkiä; raja on {limit}", "{where}a cell holds {found} characters; the limit is {limit}", "{where}en cell innehåller {found} tecken; gränsen är {limit}"),
    "limit.xml_depth": ("XML:n elementit ovat sisäkkäin {found} tasoa; raja on {limit}", "the XML nests elements {found} deep; the limit is {limit}", "XML-elementen är nästlade {found} nivåer djupt; gränsen är {limit}"),
    "limit.xml_elements": ("XML:ssä on yli {limit} elementtiä; raja on {limit}", "the XML has more than {limit} elements; the limit is {limit}", "XML:en har fler än {limit} element; gränsen är {limit}"),
    "limit.json_depth": ("JSON on sisäkkäin {found} tasoa; raja on {limit}", "the JSON nests {found} levels deep; the limit is {limit}", "JSON är nästlad {found} nivåer djupt; gränsen är {limit}"),
    "limit.seconds": ("lukeminen kesti yli {limit} s (keskeytettiin {found} s:n jälkeen); raja on {limit} s", "reading took longer than {limit} s (stopped after {found} s); the limit is {limit} s", "läsningen tog längre än {limit} s (avbröts efter {found} s); gränsen är {limit} s"),
    "limit.isolated_memory": ("tiedoston lukeminen olisi vaatinut yli {limit} Mt muistia; raja on {limit} Mt", "reading the file needed more than {limit} MB of memory; the limit is {limit} MB", "läsningen av filen krävde mer än {limit} MB minne; gränsen är {limit} MB"),
    "limit.isolated_time": ("tiedoston lukeminen kesti yli {limit} s; raja on {limit} s", "reading the file took longer than {limit} s; the limit is {limit} s", "läsningen av filen tog längre än {limit} s; gränsen är {limit} s"),
    "limit.isolated_crash": ("tiedoston lukeminen keskeytyi odottamatta", "reading the file stopped unexpectedly", "läsningen av filen avbröts oväntat"),
}


def localise_limit(key: str, params: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """A limit's refusal (:class:`dashboard.core.limits.LimitError` key and params, or
    ``isolated_<reason>`` with ``limit``) in ``lang``, its figures written the local way."""
    from babel.numbers import format_decimal  # as ui.formatting does (which imports this module)

    locale = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}.get(lang, "fi_FI")

    def format_number(value: float, decimals: int, _lang: str) -> str:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=locale)

    values: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            values[name] = value
        elif name == "found_mib":
            values[name] = format_number(value, 1, lang)
        else:
            values[name] = format_number(value, 0 if float(value).is_integer() or name != "limit_mib" else 1, lang)
    if "unit" in params:
        values["unit"] = t(f"limit.unit.{params['unit']}", lang)
    return message(f"limit.{key}", lang, **values)

_FIELDS: Final[dict[str, tuple[str, str, str]]] = {
    # Record columns as people read them (provenance tables, validation reports, downloads).
    "id": ("Tunnus", "Id", "Id"),
    "name": ("Nimi", "Name", "Namn"),
    "implementer": ("Toteuttaja", "Implementer", "Genomförare"),
    "funder": ("Rahoittaja", "Funder", "Finansiär"),
    "fund": ("Rahasto", "Fund", "Fond"),
    "programme": ("Ohjelma", "Programme", "Program"),
    "period": ("Kausi (lähteen mukaan)", "Period (as in the source)", "Period (enligt källan)"),
    "period_canonical": ("Rahoituskausi", "Funding period", "Programperiod"),
    "start_date": ("Alkupäivä", "Start date", "Startdatum"),
    "end_date": ("Loppupäivä", "End date", "Slutdatum"),
    "budget_total_eur": ("Kokonaisbudjetti (€)", "Total budget (€)", "Total budget (€)"),
    "public_funding_eur": ("Julkinen rahoitus (€)", "Public funding (€)", "Offentlig finansiering (€)"),
    "money_eur": ("Euroa", "Euros", "Euro"),
    "municipalities": ("Kunnat", "Municipalities", "Kommuner"),
    "regions": ("Maakunnat", "Regions", "Landskap"),
    "themes": ("Teemat", "Themes", "Teman"),
    "leader": ("Leader-hanke", "Leader project", "Leaderprojekt"),
    "leader_group": ("Leader-ryhmä", "Leader group", "Leadergrupp"),
    "status": ("Tila", "Status", "Status"),
    "website": ("Verkkosivu", "Website", "Webbplats"),
    "source_url": ("Lähde", "Source", "Källa"),
    "summary": ("Kuvaus", "Summary", "Beskrivning"),
    "category": ("Luokka", "Category", "Kategori"),
    "provider": ("Tarjoaja", "Provider", "Anordnare"),
    "municipality": ("Kunta", "Municipality", "Kommun"),
    "lat": ("Leveysaste", "Latitude", "Latitud"),
    "lon": ("Pituusaste", "Longitude", "Longitud"),
    "location_precision": ("Sijainnin tarkkuus", "Location precision", "Lägesnoggrannhet"),
    "partial": ("Osittain", "Partly", "Delvis"),
    "row": ("Rivi", "Row", "Rad"),
    "reason": ("Syy", "Reason", "Orsak"),
    "raw": ("Alkuperäinen teksti", "Original text", "Originaltext"),
    "message": ("Huomautus", "Note", "Anmärkning"),
    "field": ("Kenttä", "Field", "Fält"),
    "source_text": ("Lähdeteksti", "Source text", "Källtext"),
    "distance_km": ("Etäisyys", "Distance", "Avstånd"),
    "distance_text": ("Etäisyys", "Distance", "Avstånd"),
    "population": ("Asukkaita", "Residents", "Invånare"),
    "projects": ("Hankkeita", "Projects", "Projekt"),
    "eur": ("Euroa", "Euros", "Euro"),
    "eur_per_resident": ("Euroa / asukas", "Euros per resident", "Euro per invånare"),
    "amount_unknown_projects": ("Summa tuntematon", "Amount unknown", "Belopp okänt"),
    "share": ("Osuus", "Share", "Andel"),
    "rank": ("Sija", "Rank", "Plats"),
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
    "large_area": {
        "etela-suomi": ("Etelä-Suomi", "Southern Finland", "Södra Finland"),
        "lansi-suomi": ("Länsi-Suomi", "Western Finland", "Västra Finland"),
        "ita-suomi": ("Itä-Suomi", "Eastern Finland", "Östra Finland"),
        "pohjois-suomi": ("Pohjois-Suomi", "Northern Finland", "Norra Finland"),
        "ahvenanmaa": ("Ahvenanmaa", "Åland", "Åland"),
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
    entry = _T.get(key) or _MESSAGES.get(key)
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
    """Every key of the catalogue: labels and messages (not vocabulary values or field names)."""
    return list(_T) + list(_MESSAGES)


def message(key: str, lang: str = DEFAULT_LANGUAGE, escape: Callable[[str], str] | None = None, **params: object) -> str:
    """The message ``key`` in ``lang`` with ``{name}`` placeholders filled from ``params``.

    ``escape`` is applied to every parameter (not to the catalogue text), e.g.
    ``message("notice.map_selection", lang, escape=safe_text.markdown_text, area=name)`` for
    ``st.info``. A placeholder without a parameter stays visible as ``{name}`` (a test catches
    it) instead of raising; an unknown key shows the key itself.
    """
    entry = _MESSAGES.get(key) or _T.get(key)
    if entry is None:
        return key
    template = entry[_INDEX.get(lang, 0)] or entry[0]
    values = {name: (escape(str(value)) if escape else str(value)) for name, value in params.items()}
    return template.format_map(_KeepMissing(values))


class _KeepMissing(dict):
    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def field_label(column: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A record column as people read it (``budget_total_eur`` → ``Kokonaisbudjetti (€)``)."""
    entry = _FIELDS.get(column)
    if entry is None:
        return column
    return entry[_INDEX.get(lang, 0)] or entry[0]


def field_labels(columns, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """``{column: field_label(column, lang)}`` for ``DataFrame.rename(columns=…)``."""
    return {column: field_label(column, lang) for column in columns}


def fields() -> list[str]:
    return list(_FIELDS)


def catalogue() -> dict[str, tuple[str, str, str]]:
    """Every text entry as ``key → (fi, en, sv)``: labels, messages, field names (``field.*``) and
    vocabulary values (``label.<kind>.<value>``) — what the completeness tests walk."""
    entries: dict[str, tuple[str, str, str]] = {**_T, **_MESSAGES}
    entries.update({f"field.{k}": v for k, v in _FIELDS.items()})
    for kind, values in _LABELS.items():
        entries.update({f"label.{kind}.{value}": v for value, v in values.items()})
    return entries



# --- today's English texts from core/ and io/, read back into catalogue messages -------------
# The loaders and importers still write English sentences; until they hand over keys and
# parameters, these patterns turn each sentence (reasons are joined with "; ") into the
# catalogue message in the user's language. A sentence no pattern knows is shown as it is.
_Q = r"'(?P<{0}>[^;]*?)'"  # captured values never cross the "; " that joins reasons
_REASON_PATTERNS: Final[list[tuple[re.Pattern[str], str]]] = [
    (re.compile(p), key)
    for p, key in [
        (r"^empty row$", "reason.empty_row"),
        (r"^outside your area \((?P<area>.*?)\): (?P<listed>.*)$", "reason.outside_area"),
        (r"^the row has more fields than the header", "reason.too_many_fields"),
        (r"^unknown theme " + _Q.format("theme") + r" \(themes: (?P<themes>[^;]*)\)$", "reason.unknown_theme"),
        (r"^unknown municipality " + _Q.format("name") + r"(?: \(did you mean: (?P<suggestions>[^;]*)\?\))?$", "reason.unknown_municipality"),
        (r"^unknown region " + _Q.format("name") + r"(?: \(did you mean: (?P<suggestions>[^;]*)\?\))?$", "reason.unknown_region"),
        (r"^lat and lon must be given together$", "reason.lat_lon_together"),
        (r"^latitude and longitude look swapped \(lat=(?P<lat>[^,]*), lon=(?P<lon>[^)]*)\)", "reason.lat_lon_swapped"),
        (r"^location_precision is exact but lat/lon are missing$", "reason.exact_without_point"),
        (r"^a service has one municipality", "reason.service_one_municipality"),
        (r"^no location: give lat/lon or a municipality$", "reason.no_location"),
        (r"^one municipality per row$", "reason.one_municipality_per_row"),
        (r"^municipality is empty$", "reason.municipality_empty"),
        (r"^date " + _Q.format("value") + r" is not ISO", "reason.date_format"),
        (r"^date " + _Q.format("value") + r" does not exist$", "reason.date_missing_day"),
        (r"^amount " + _Q.format("value") + r" is not a number of euros", "reason.amount_format"),
        (r"^amount " + _Q.format("value") + r" is not a decimal number$", "reason.decimal_format"),
        (r"^" + _Q.format("value") + r" is not yes/no", "reason.not_yes_no"),
        (r"^(?P<field>\w+) must be a web address starting with http:// or https://$", "reason.web_address"),
        (r"^id is empty$", "reason.id_empty"),
        (r"^duplicate id \(an earlier row has the same id\)$", "reason.duplicate_id"),
        (r"^name is empty$", "reason.name_empty"),
        (r"^leader_group is empty$", "reason.group_empty"),
        (r"^(?P<field>\w+) must be one of (?P<values>[^;]*)$", "reason.one_of"),
        (r"^(?P<field>\w+) is negative$", "reason.negative"),
        (r"^end_date is before start_date$", "reason.end_before_start"),
        (r"^latitude is outside Finland \((?P<low>[^–]*)–(?P<high>[^)]*)\)$", "reason.latitude_outside"),
        (r"^longitude is outside Finland \((?P<low>[^–]*)–(?P<high>[^)]*)\)$", "reason.longitude_outside"),
        (r"^the same group, municipality and period appear on an earlier row$", "reason.duplicate_group_row"),
        (r"^no project code \(Koodi", "reason.eura_no_code"),
        (r"^no priority axis \(Tl\)", "reason.eura_no_axis"),
        (r"^granting authority not recognised: " + _Q.format("authority") + "$", "reason.eura_authority"),
        (r"^the row is cut after the status", "reason.eura_cut_after_status"),
        (r"^cannot tell the start and end dates apart \(found (?P<dates>[^;]*)\)$", "reason.eura_dates"),
        (r"^the row is cut: fewer than three of the four amounts", "reason.eura_amounts_cut"),
        (r"^amounts cannot be placed: (?P<slots>[^;]*)$", "reason.eura_amounts_unplaced"),
        (r"^no project could be recognised in the text", "reason.page_no_project"),
        (r"^feature without a usable geometry$", "reason.feature_no_geometry"),
        (r"^not a nature destination or service \(tags: (?P<tags>[^;]*)\)$", "reason.not_nature_service"),
        (r"^(?P<feature>[^;]*) has no name$", "reason.feature_no_name"),
        (r"^placemark without a name$", "reason.placemark_no_name"),
        (r"^" + _Q.format("name") + r" has no point coordinates", "reason.placemark_no_point"),
        (r"^" + _Q.format("name") + r": coordinates " + _Q.format("coordinates") + r" are not lon,lat$", "reason.placemark_bad_coordinates"),
        (r"^columns not in the file, treated as empty: (?P<columns>[^;]*)$", "note.columns_treated_empty"),
        (r"^columns ignored: (?P<columns>[^;]*)$", "note.columns_ignored"),
        (r"^the KML document has no placemarks$", "note.kml_no_placemarks"),
        (r"^map: (?P<name>[^;]*)$", "note.kml_map"),
        (r"^row (?P<row>\d+): NUTS3 code (?P<code>\S+) is not a Finnish region; area unknown$", "note.nuts3_not_finnish"),
        (r"^budget_total_eur = Total_Eligible_Expenditure_amount", "note.kohesio_budget"),
        (r"^(?P<field>\w+) " + _Q.format("value") + r" completed to http://", "warning.url_completed"),
        (r"^(?P<kind>municipality|region) " + _Q.format("reference") + r" read as (?P<name>[^;]*) \((?P<code>[^)]*)\) \[(?P<method>\w+)\]$", "warning.read_as"),
        (r"^the point lies in (?P<found>[^;]*), the record names (?P<stated>[^;]*)$", "warning.point_in_other_municipality"),
        (r"^the point lies outside the 1:4\.5M municipality polygons \(sea or border\); using (?P<stated>[^;]*)$", "warning.point_outside_polygons"),
        (r"^file type (?P<suffix>\S+) is not accepted; upload one of (?P<allowed>[^;]*)$", "error.file_type"),
        (r"^the file is (?P<size>[\d.]+ MB); the limit is (?P<limit>[\d.]+ MB)$", "error.file_too_large"),
        (r"^the file is named \.csv but holds JSON", "error.csv_holds_json"),
        (r"^unknown format " + _Q.format("format") + r"(?:; formats: (?P<formats>[^;]*))?$", "error.unknown_format"),
        (r"^this does not look like a (?P<kind>\w+) file: the columns (?P<missing>[^;]*) are missing \(expected columns: (?P<columns>[^;]*)\)$", "error.not_kind_file"),
        (r"^this is not a EURA project list", "error.not_eura"),
        (r"^not a readable CSV file: (?P<detail>[^;]*)$", "error.not_csv"),
        (r"^not a readable Excel file: (?P<detail>[^;]*)$", "error.not_excel"),
        (r"^the file is empty$", "error.empty_file"),
        (r"^the file is binary", "error.binary_file"),
        (r"^the header repeats the columns (?P<columns>[^;]*)$", "error.duplicate_header"),
        (r"^not valid GeoJSON: (?P<detail>[^;]*)$", "error.not_geojson"),
        (r"^not a GeoJSON FeatureCollection$", "error.not_feature_collection"),
        (r"^this is not a Kohesio export: the columns (?P<missing>[^;]*) are missing$", "error.not_kohesio"),
        (r"^this is not a rural-fund register page", "error.not_rural_page"),
        (r"^this is not a rural-fund register table", "error.not_rural_table"),
        (r"^not a readable KMZ file: (?P<detail>[^;]*)$", "error.not_kmz"),
        (r"^the KMZ file holds no \.kml document$", "error.kmz_no_kml"),
        (r"^not a readable KML file: (?P<detail>[^;]*)$", "error.not_kml"),
        (r"^the KML file was refused: (?P<detail>[^;]*)$", "error.kml_refused"),
        (r"^not a KML document \(the root element is not <kml>\)$", "error.not_kml_root"),
    ]
]
_FIELD_PREFIX = re.compile(r"^(?P<field>[a-z_]+): (?P<text>.+)$")
_FIELD_PARAMS = ("field",)
_KIND_WORDS = {"municipality": "municipality", "region": "region", "projects": "kind.projects", "services": "kind.services", "leader_groups": "kind.leader_groups"}


def _one_reason(text: str, lang: str) -> str:
    for pattern, key in _REASON_PATTERNS:
        match = pattern.match(text)
        if match:
            params = {k: (v if v is not None else "") for k, v in match.groupdict().items()}
            for name in _FIELD_PARAMS:
                if name in params:
                    params[name] = field_label(params[name], lang)
            if "suggestions" in params:
                suggestions = params.pop("suggestions")
                params["hint"] = message("reason.did_you_mean", lang, suggestions=suggestions) if suggestions else ""
            if "kind" in params:
                kind = _KIND_WORDS.get(params["kind"])
                params["kind"] = (t(kind, lang) if kind in _T else message(kind, lang)) if kind else params["kind"]
            if "method" in params:
                params["method"] = message(f"match.{params['method']}", lang) if f"match.{params['method']}" in _MESSAGES else params["method"]
            return message(key, lang, **params)
    prefixed = _FIELD_PREFIX.match(text)
    if prefixed and prefixed.group("field") in _FIELDS:
        return message("reason.in_field", lang, field=field_label(prefixed.group("field"), lang), text=_one_reason(prefixed.group("text"), lang))
    return text


def localise_reason(text: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """A reason, note, warning or error text of today's loaders in ``lang`` (parts joined by ``"; "``).

    ``"start_date: date '31.2.2024' does not exist; name is empty"`` → (fi)
    ``"Alkupäivä: päivämäärää ”31.2.2024” ei ole olemassa; nimi puuttuu"``. Unknown texts pass
    through unchanged; ``None``/NaN → ``""``.
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    raw = str(text)
    if lang == "en" or not raw:
        return raw
    whole = _one_reason(raw.strip(), lang)
    if whole != raw.strip():
        return whole
    # Reasons are joined with "; ", and some sentences contain "; " themselves: at each part,
    # take the longest run of parts that a pattern knows.
    parts = raw.split("; ")
    out: list[str] = []
    start = 0
    while start < len(parts):
        for end in range(len(parts), start, -1):
            sentence = "; ".join(parts[start:end]).strip()
            shown = _one_reason(sentence, lang)
            if shown != sentence or end == start + 1:
                out.append(shown)
                start = end
                break
    return "; ".join(out)


def localise_table(frame, lang: str = DEFAULT_LANGUAGE, text_columns=("reason", "message"), field_columns=("field",), headers: bool = True):
    """A report table (rejected rows, warnings, provenance) in ``lang``: the loaders' sentences in
    ``text_columns`` through :func:`localise_reason`, column names in ``field_columns`` (a
    provenance table's ``budget_total_eur``) through :func:`field_label`, and with
    ``headers`` the column headers as field labels. Returns a new frame."""
    out = frame.copy()
    for column in text_columns:
        if column in out:
            out[column] = [localise_reason(value, lang) for value in out[column].tolist()]
    for column in field_columns:
        if column in out:
            out[column] = [field_label(str(value), lang) if value is not None else "" for value in out[column].tolist()]
    if headers:
        out = out.rename(columns={c: field_label(str(c), lang) for c in out.columns})
    return out
