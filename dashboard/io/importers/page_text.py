"""Project web pages as plain text (like the seed documents) → draft project records.

A page is prose, so every extracted field keeps the text it came from (``provenance``)
for a person to check. What is recognised:

* labelled lines: ``Hankkeen nimi:``, ``Toteutusaika:``, ``Tekijät:``/``Toteuttaja:``,
  ``Budjetti:``, ``Rahoittajat:``;
* periods in running text: ``1.12.2022–30.6.2024``, ``1.5.2024 – 31.12.2026``,
  ``1.1.-31.12.2021``, ``Vuoden 2026 loppuun``;
* funders and funds: ``rahoittaa Lapin ELY-keskus Euroopan maaseuturahastosta``;
* municipalities from inflected lists: ``Kannonkosken, Karstulan … ja Viitasaaren kunnat``,
  ``Kuusamon ja Taivalkosken kunnissa``; regions: ``koko Keski-Suomi``, ``Lapissa``;
* themes from keywords.

Rural-fund register pages (``Hankenumero``, ``Ohjelma/Rahasto`` …) go to
:mod:`rural_register` instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dashboard.core import parsing
from dashboard.core.authorities import clean_funder
from dashboard.core.names import AreaResolver
from dashboard.core.parsing import canonical_period

_DATE = r"\d{1,2}\.\d{1,2}\.(?:\d{4})?"
_RANGE = re.compile(rf"(?P<start>{_DATE})\s*[-–—]\s*(?P<end>\d{{1,2}}\.\d{{1,2}}\.\d{{4}})")
_UNTIL_YEAR_END = re.compile(r"(?i)vuoden\s+(?P<year>20\d\d)\s+loppuun")
_LABEL = re.compile(r"(?im)^\s*(?P<label>hankkeen nimi|hankeen nimi|nimi|toteutusaika|tekijät|toteuttaja|hallinnoija|budjetti|kokonaisbudjetti|rahoittajat?|rahoitus)\s*:\s*(?P<value>.+?)\s*$")
_FUNDER = re.compile(
    r"(?i)(?:rahoittaa|rahoittajana(?: toimi)?|rahoittajina|myöntäjä|rahoittaja(?:na)?)\s+(?P<funder>(?:[A-ZÅÄÖ][\w-]*\s+)?(?:ELY-keskus|liitto|maakuntaliitto|Leader(?:\s+ry)?|[A-ZÅÄÖ][\w-]+\s+ry))"
)
_FUND_WORDS = [
    (re.compile(r"(?i)maaseuturahasto|maaseudun kehittämisrahasto|maaseudun kehittämisohjelma"), "EAFRD"),
    (re.compile(r"(?i)aluekehitysrahasto|\bEAKR\b"), "ERDF"),
    (re.compile(r"(?i)\bESR\+"), "ESF+"),
    (re.compile(r"(?i)sosiaalirahasto|\bESR\b"), "ESF"),
    (re.compile(r"(?i)oikeudenmukaisen siirtymän rahasto|\bJTF\b.*rahoit"), "JTF"),
    (re.compile(r"(?i)\binterreg\b"), "Interreg"),
]
_NAMED_PROJECT = re.compile(r"(?:^|[.!?]\s+|\n)(?P<name>[A-ZÅÄÖ][^.!?\n]{3,150}?)\s+-\s?\w*hank(?:keen|e|etta)\b")
_IMPLEMENTER = re.compile(r"(?i)(?:hallinnoijana toimi|hallinnoi|toteuttaa|toteuttajana(?: toimii| toimi)?)\s+(?P<who>[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ\w-]+){0,3}?\s+(?:Oy|ry|Oyj|kunta|kaupunki|säätiö|Leader))\b")
_MUNICIPALITY_LIST = re.compile(
    r"(?P<list>(?:[A-ZÅÄÖ][\wåäö-]+(?:,\s*|\s+ja\s+|\s+sekä\s+))+[A-ZÅÄÖ][\wåäö-]+)\s+(?:kunnat|kunnissa|kuntien|kunnista|kaupungit|kaupungeissa|kunnan|kaupungin)"
)
_WHOLE_REGION = re.compile(r"(?i)(?:koko|toiminta-alue(?:ena)?(?: oli| on)? koko)\s+(?P<region>[A-ZÅÄÖ][\wåäö-]+(?:-[A-ZÅÄÖ][\wåäö]+)?)")
_THEMES = [
    ("green_care", r"green care|luontohoiva|luontovoima"),
    ("nature_tourism", r"luontomatkailu|luontopalvelu|matkailu"),
    ("smart_villages", r"älykkäät kylät|smart village"),
    ("youth", r"\bnuor(?:et|ten|ia|ille)\b"),
    ("internationalisation", r"kansainväli"),
    ("forest_bioeconomy", r"metsä|biotalou"),
    ("environment_climate", r"ympäristö|ilmasto|luonnon (?:ja ympäristön )?tila"),
    ("business_development", r"yritys|yrittäj|elinkeino"),
    ("community_cooperation", r"yhteisö|yhteistyö|verkost|yhdistys"),
    ("services_infrastructure", r"palvelu(?:jen|t)? kehittäm|toimintaympäristö"),
    ("skills_employment", r"osaami|työllis"),
    ("culture_heritage", r"kulttuuri|perinne|historia"),
    ("food_agriculture", r"\bruoka|maatal|elintarvi"),
]


@dataclass
class PageDraft:
    record: dict[str, str] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)

    def set(self, column: str, value: str, source: str) -> None:
        if value and not self.record.get(column):
            self.record[column] = value
            self.provenance[column] = source.strip()[:300]


def _first_heading(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line and len(line) < 160 and not line.lower().startswith(("siirry", "takaisin", "euroopan unionin")):
            return line
    return ""


def _dates(text: str, draft: PageDraft) -> None:
    match = _RANGE.search(text)
    if match:
        start, end = match.group("start"), match.group("end")
        end_date = parsing.parse_date(end)
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.", start):  # "1.1.-31.12.2021": the year is written once
            start = f"{start}{end_date.year}"
        start_date = parsing.parse_date(start)
        draft.set("start_date", start_date.isoformat(), match.group(0))
        draft.set("end_date", end_date.isoformat(), match.group(0))
        return
    until = _UNTIL_YEAR_END.search(text)
    if until:
        draft.set("end_date", f"{until.group('year')}-12-31", until.group(0))


def _municipalities(text: str, resolver: AreaResolver, draft: PageDraft) -> None:
    codes: list[str] = []
    sources = []
    for match in _MUNICIPALITY_LIST.finditer(text):
        parts = re.split(r",\s*|\s+ja\s+|\s+sekä\s+", match.group("list"))
        found = [resolver.resolve_municipality(p) for p in parts]
        good = [r for r in found if r.ok and r.method in ("name", "inflected", "former", "alias")]
        if good:
            codes.extend(r.code for r in good)
            sources.append(match.group(0))
    if codes:
        draft.set("municipalities", ";".join(dict.fromkeys(codes)), " | ".join(sources))


def _regions(text: str, resolver: AreaResolver, draft: PageDraft) -> None:
    codes, sources = [], []
    for match in _WHOLE_REGION.finditer(text):
        result = resolver.resolve_region(match.group("region"))
        if result.ok and result.method != "fuzzy":
            codes.append(result.code)
            sources.append(match.group(0))
    for match in re.finditer(r"(?i)koko\s+(?P<region>[A-ZÅÄÖ][\wåäö-]+)\s+maaseutualueilla", text):
        result = resolver.resolve_region(match.group("region"))
        if result.ok and result.method != "fuzzy":
            codes.append(result.code)
            sources.append(match.group(0))
    if codes:
        draft.set("regions", ";".join(dict.fromkeys(codes)), " | ".join(sources))


def extract_projects(text: str, resolver: AreaResolver) -> list[PageDraft]:
    """Draft records from one page; a page listing several projects yields several drafts."""
    labels = {m.group("label").lower(): (m.group("value"), m.group(0)) for m in _LABEL.finditer(text)}
    drafts = _multi_project_page(text, resolver)
    if drafts:
        return drafts
    draft = PageDraft()
    for key in ("hankkeen nimi", "hankeen nimi", "nimi"):
        if key in labels:
            draft.set("name", labels[key][0], labels[key][1])
    named = _NAMED_PROJECT.search(text)
    if named:
        draft.set("name", named.group("name").strip(), named.group(0).strip())
    draft.set("name", _first_heading(text), _first_heading(text))
    for key in ("tekijät", "toteuttaja", "hallinnoija"):
        if key in labels:
            value = re.sub(r"(?i)^.*?puolesta\s+", "", labels[key][0])
            draft.set("implementer", value, labels[key][1])
    implementer = _IMPLEMENTER.search(text)
    if implementer:
        draft.set("implementer", implementer.group("who"), implementer.group(0))
    for key in ("budjetti", "kokonaisbudjetti"):
        if key in labels:
            try:
                amount = parsing.parse_amount(labels[key][0])
            except ValueError:
                amount = None
            if amount is not None:
                draft.set("budget_total_eur", f"{amount:.2f}".rstrip("0").rstrip("."), labels[key][1])
    for key in ("rahoittajat", "rahoittaja", "rahoitus"):
        if key in labels:
            draft.set("funder", clean_funder(labels[key][0]), labels[key][1])
    funder = _FUNDER.search(text)
    if funder:
        draft.set("funder", clean_funder(funder.group("funder")), funder.group(0))
    for pattern, fund in _FUND_WORDS:
        # Only a sentence that says who pays counts ("…rahoittaa … Euroopan maaseuturahastosta");
        # "tietoa JTF-rahoituksen mahdollisuuksista" does not make a project JTF-funded.
        for match in pattern.finditer(text):
            sentence = _sentence_around(text, match.start())
            if re.search(r"(?i)rahoitta|rahastosta|rahoitetaan|rahoittamana|myöntäjä", sentence) and not re.search(r"(?i)mahdollisuuk", sentence):
                draft.set("fund", fund, sentence)
                break
        if draft.record.get("fund"):
            break
    _dates(text, draft)
    _municipalities(text, resolver, draft)
    _regions(text, resolver, draft)
    _themes(text, draft)
    start = parsing.parse_date(draft.record.get("start_date") or None)
    end = parsing.parse_date(draft.record.get("end_date") or None)
    status = derive_status(start, end)
    if status != "unknown":
        draft.set("status", status, f"from the dates {start or '?'} – {end or '?'}")
    period = canonical_period("", start, draft.record.get("fund"))
    if period != "unknown":
        draft.set("period_canonical", period, f"from start date {start} and fund {draft.record.get('fund', 'unknown')}")
    return [draft]


def derive_status(start, end, today=None) -> str:
    """ended / ongoing / planned from the dates relative to today; unknown without dates."""
    import datetime as dt

    today = today or dt.date.today()
    if end is not None and end < today:
        return "ended"
    if start is not None and start > today:
        return "planned"
    if start is not None and (end is None or end >= today):
        return "ongoing"
    return "unknown"


def _themes(text: str, draft: PageDraft) -> None:
    found, sources = [], []
    for theme, pattern in _THEMES:
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            found.append(theme)
            sources.append(f"{theme}: '{match.group(0)}'")
    if found:
        draft.set("themes", ";".join(found[:3]), "; ".join(sources[:3]))


def _sentence_around(text: str, index: int) -> str:
    start = max(text.rfind(".", 0, index), text.rfind("\n", 0, index)) + 1
    end = min([p for p in (text.find(".", index), text.find("\n", index)) if p != -1] or [len(text)])
    return text[start : end + 1]


def _multi_project_page(text: str, resolver: AreaResolver) -> list[PageDraft]:
    """A list page ("Kantrin omat hankkeet"): each heading line followed by '<name> -hanke…'."""
    lines = [line.strip() for line in text.splitlines()]
    drafts = []
    for index, line in enumerate(lines[:-1]):
        if not line or len(line) > 120:
            continue
        following = next((l for l in lines[index + 1 :] if l), "")
        if following.lower().startswith(line.lower() + " -hank"):
            draft = PageDraft()
            draft.set("name", line, line)
            body = []
            for later in lines[index + 1 :]:
                if later.lower().startswith("lue lisää"):
                    break
                body.append(later)
            section = "\n".join(body)
            _themes(section, draft)
            period = re.search(r"(?i)rahoituskaudella\s+(20\d\d\s*[-–]\s*20\d\d)", section)
            if period:
                draft.set("period", period.group(1).replace(" ", ""), period.group(0))
            drafts.append(draft)
    owner = re.match(r"^\s*(?P<owner>[A-ZÅÄÖ][\wåäö-]+?)n omat hankkeet", text)
    if owner and drafts:
        for draft in drafts:
            draft.set("implementer", owner.group("owner"), owner.group(0))
            draft.set("leader_group", owner.group("owner"), owner.group(0))
    return drafts if len(drafts) >= 2 else []
