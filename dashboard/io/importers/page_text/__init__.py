"""Project web pages as plain text → draft project records, each field with its evidence.

A page is read in three passes, surest first; the first pass to fill a field wins:

1. **labels** (:mod:`.labels`): declarative Finnish/Swedish/English label tables for EURA
   descriptions (``Hankekoodi:``, ``Suunnitelman mukainen toteutusaika: Alkaa 1.5.2017 ja
   päättyy 30.4.2020``, ``Vastuuviranomainen:``), Leader and council pages (``Hankeaika:``,
   ``Rahoitus: Leader``), Interreg blocks (``Päärahoittaja:``), English mirrors (``Total
   project cost``) and flattened form transcripts;
2. **prose** (:mod:`.prose`): patterns over base forms (Voikko) — ``Hankkeen mahdollistaa
   Keski-Suomen ELY-keskus Maaseuturahastosta``, ``jota Pohjois-Kymen Kasvu hallinnoi``,
   ``Hankkeen kokonaiskustannukset olivat 90 000,00 €``;
3. **areas** (:mod:`.areas`): municipalities, sub-regions and regions named as the project's area.

Traps stay out: a region's allocation (``32 miljoonaa euroa JTF-rahoitusta``) is not a budget,
a per-applicant range (``Kustannusarvio voi olla 500- 8 000 euroa``) is not one either, a
single date (a page's update day, an application's submission) is never a project period, and
towns named as context are not the project's area. Fields a rule saw but would not trust stay
empty with a ``left empty: …`` note in the evidence.

Rural-fund register pages (``Hankenumero``, ``Ohjelma/Rahasto`` …) go to
:mod:`dashboard.io.importers.rural_register` instead.
"""

from __future__ import annotations

import datetime as dt
import re

from dashboard.core import parsing
from dashboard.core.authorities import council_region
from dashboard.core.names import AreaResolver
from dashboard.core.parsing import canonical_period
from dashboard.io.importers.page_text import areas, prose
from dashboard.io.importers.page_text.draft import PageDraft
from dashboard.io.importers.page_text.labels import read_labels

__all__ = ["PageDraft", "extract_projects", "derive_status", "read_areas"]

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


def extract_projects(text: str, resolver: AreaResolver) -> list[PageDraft]:
    """Draft records from one page; a page listing several projects yields several drafts."""
    drafts = _multi_project_page(text)
    if drafts:
        return drafts
    draft = PageDraft()
    labelled = read_labels(text)
    prose.from_labels(labelled, draft)
    prose.from_prose(text, draft)
    prose.owner_of_the_project(text, draft, resolver)
    read_areas(text, resolver, draft)
    prose.leader_and_fund_defaults(text, draft)
    _themes(text, draft)
    _status_and_period(draft)
    return [draft]


def read_areas(text: str, resolver: AreaResolver, draft: PageDraft) -> None:
    """Municipalities and regions of the project (see :mod:`.areas`), and the authority's region."""
    codes, sources = areas.municipalities(text, resolver)
    if codes:
        draft.set("municipalities", ";".join(codes), " | ".join(sources))
    municipal = prose.municipal_implementer_code(draft.record.get("implementer", ""), resolver)
    if municipal:
        draft.set("municipalities", municipal, f"the implementer is the municipality: {draft.record['implementer']}")
    english = bool(re.search(r"\b(?:the|project|is)\b", text)) and not re.search(r"\b(?:hanke|hankkeen|ja)\b", text)
    region_codes, region_sources = areas.regions(text, resolver, english=english)
    if not region_codes and not draft.has("municipalities"):
        council = council_region(draft.record.get("funder", ""), resolver)
        if council:
            # A regional council grants within its own region (see dashboard.core.authorities).
            region_codes.append(council)
            region_sources.append(f"granted by the regional council: {draft.record['funder']}")
    if region_codes:
        draft.set("regions", ";".join(region_codes), " | ".join(region_sources))


def derive_status(start, end, today=None) -> str:
    """ended / ongoing / planned from the dates relative to today; unknown without dates."""
    today = today or dt.date.today()
    if end is not None and end < today:
        return "ended"
    if start is not None and start > today:
        return "planned"
    if start is not None and (end is None or end >= today):
        return "ongoing"
    return "unknown"


def _status_and_period(draft: PageDraft) -> None:
    start = parsing.parse_date(draft.record.get("start_date") or None)
    end = parsing.parse_date(draft.record.get("end_date") or None)
    status = derive_status(start, end)
    if status != "unknown":
        draft.set("status", status, f"from the dates {start or '?'} – {end or '?'}")
    period = canonical_period(draft.record.get("period", ""), start, draft.record.get("fund"))
    if period != "unknown":
        draft.set("period_canonical", period, f"from start date {start} and fund {draft.record.get('fund', 'unknown')}")


def _themes(text: str, draft: PageDraft) -> None:
    found, sources = [], []
    for theme, pattern in _THEMES:
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            found.append(theme)
            sources.append(f"{theme}: '{match.group(0)}'")
    if found:
        draft.set("themes", ";".join(found[:3]), "; ".join(sources[:3]))


def _multi_project_page(text: str) -> list[PageDraft]:
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
