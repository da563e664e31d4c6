"""Fields from labelled values and from free prose.

Prose patterns look for a few head words by their base form (Voikko, see
:mod:`dashboard.core.morphology`): ``rahoittaa``/``mahdollistaa``/``myöntää`` for funders,
``hallinnoida``/``toteuttaa``/``käynnistää`` for implementers, ``kokonaiskustannus``/
``kustannusarvio`` for budgets and ``julkinen tuki`` for public funding, in whatever case
or tense the sentence has them.
"""

from __future__ import annotations

import re

from dashboard.core import morphology
from dashboard.core.authorities import clean_funder
from dashboard.core.names import AreaResolver
from dashboard.io.importers.page_text.draft import PageDraft
from dashboard.io.importers.page_text.labels import Labelled, all_of, first, is_label
from dashboard.io.importers.page_text.values import clean_org, format_amount, is_amount_range, parse_euros, parse_range, parse_single_day

# Funds by the words that name them; a sentence must also say that it pays (see _PAYS).
FUND_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)maaseuturahasto|maaseudun kehittämi(?:s|sen|seen|nen)|maatalousrahasto|landsbygdsfond|landsbygdsprogram|\bEAFRD\b|\bEMOTR\b"), "EAFRD"),
    (re.compile(r"(?i)aluekehitysrahasto|\bEAKR\b|regionala utvecklingsfond|\bERDF\b"), "ERDF"),
    (re.compile(r"(?i)\bESR\+|sosiaalirahasto plus"), "ESF+"),
    (re.compile(r"(?i)sosiaalirahasto|\bESR\b|socialfond|\bESF\b"), "ESF"),
    (re.compile(r"(?i)oikeudenmukaisen siirtymän rahasto|just transition fund"), "JTF"),
    (re.compile(r"(?i)\binterreg\b"), "Interreg"),
    (re.compile(r"(?i)\bleader-rahoit\w*|\bleader-hanke|\bleader-tuki\w*|^leader$"), "EAFRD"),
)
# "EMOTR" (the EU's agricultural guidance fund before 2007) was EAFRD's predecessor: "other".
_OLD_FUND = re.compile(r"(?i)\bemotr\b|\bemogg\b|\bEAGGF\b")
_PAYS = re.compile(r"(?i)rahoitta|rahoitet|rahoitte|rahoitus|rahastosta|rahaston varoista|myönt|mahdollista|osarahoit|financ|funded|finansier|tuki myönnetään|tukea myönnetään|kehittämisohjelmasta")
_NOT_PAYS = re.compile(r"(?i)mahdollisuuk|tietoa .*rahoitu|hyödyntämisessä")
_STRUCTURAL = re.compile(r"(?i)structural and investment funds|cohesion policy|rakennerahasto-ohjelma|koheesiopolitiik")

_HIGHER_EDUCATION = re.compile(r"(?i)yliopisto|ammattikorkeakoulu|korkeakoulu|universitet|yrkeshögskola|university")
_GENERIC_HEADINGS = frozenset(
    {"hanke", "projekti", "projekt", "rahoitus", "tieto", "tietoa", "yhteistyö", "tavoite", "kuvaus", "hankesuunnitelma", "yleistä", "uutinen", "sisältö", "hankkeen", "hankkeesta", "i", "yhteystieto", "etusivu", "ajankohtainen"}
)
_NAMED_PROJECT = re.compile(r"(?:^|[.!?]\s+|\n)(?P<name>[A-ZÅÄÖ][^.!?\n]{3,150}?)\s+[-–]\s?\w*hank(?:keen|e|etta|keessa|kkeen)\b")
_ALIAS_NAME = re.compile(r"(?i:hanke)(?:\s+(?:n:o|nro|nr\.?|no\.?)\s*\d+)?\s+eli\s+(?P<name>[A-ZÅÄÖ0-9][\wÅÄÖåäö-]*(?:\s+[A-ZÅÄÖ][\wÅÄÖåäö-]*){0,3})")
_GRANTED_TO = re.compile(r"(?:myöntänyt|myönsi|myöntää)\s+(?:tukea|rahoitusta|avustusta)\s+(?P<name>[A-ZÅÄÖ][^.!?\n]{2,120}?(?:hank\w+|projekt\w+))")
_TITLE_WITH_PERIOD = re.compile(r"(?m)^\s*(?P<name>[A-ZÅÄÖ][^.!?\n]{3,120}?)\s+(?P<period>\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\s*[-–]\s*\d{1,2}\.\s?\d{1,2}\.\s?\d{4})")

_ORG = r"[A-ZÅÄÖ][\wÅÄÖåäö-]*(?:\s+(?:[A-ZÅÄÖ][\wÅÄÖåäö-]*|ry|r\.y\.|Oy|Oyj|sr|ELY-keskus|liitto|ammattikorkeakoulu|yliopisto|kaupunki|kaupungin|kunta|kunnan|konsernihallinto|säätiö|neuvosto|kyläyhdistys|yhdistys)){0,5}"
_ORG_LIST = rf"{_ORG}(?:\s*,\s*{_ORG})*(?:\s+(?:ja|sekä)\s+{_ORG})?"
_ADMINISTERED = re.compile(rf"\b(?:jota|jonka)\s+(?P<who>{_ORG})\s+(?P<verb>hallinnoi|hallinnoivat|toteuttaa|toteutti|toteuttavat)\b")
_IMPLEMENTER = re.compile(rf"(?i:hallinnoijana toimi[i]?|hallinnoi|toteuttajana(?: toimii| toimi)?|hankkeen toteuttaa|hankkeen toteutti)\s+(?P<who>{_ORG})")
_STARTED = re.compile(rf"\bovat\s+(?P<who>{_ORG_LIST})\s+käynnistäneet\s+(?:\w+\s+)?(?:kehittämis|yhteis)?hank")
# "mahdollistaa" only with the project as its object ("Hankkeen mahdollistaa X"): "Hanke
# mahdollistaa Suomen …" says what the project makes possible, not who pays.
_FUNDERS = re.compile(
    rf"(?i:rahoittajina\s+(?:ovat|olivat|toimivat)|rahoittajana\s+(?:on|oli|toimii|toimi)|rahoittaa|rahoitti|rahoittajana|myöntäjä(?:nä)?|(?:hankkeen|projektin|toiminnan)\s+mahdollist(?:aa|i|avat|ivat))\s+(?P<who>{_ORG_LIST})"
)
_GRANTING = re.compile(rf"(?P<who>{_ORG})\s+on\s+myöntänyt\s+(?:tukea|rahoitusta|avustusta)")
_BUDGET_WORDS = frozenset({"kokonaiskustannus", "kustannusarvio", "kokonaisbudjetti", "budjetti", "kokonaiskustannusarvio", "kokonaisrahoitus"})
def sentences_of(text: str) -> list[str]:
    """Sentences: split at . ! ? before a capital letter, and at line ends (dates keep their dots)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"(”])|\n", text)
    return [p.strip() for p in parts if p.strip()]
_MUNICIPAL = re.compile(r"^\s*(?P<name>[\wÅÄÖåäö -]+?)\s+(?P<kind>kunta|kaupunki|kommun|stad)\s*$", re.IGNORECASE)


def _first_heading(text: str) -> tuple[str, str]:
    """The page's title: the first short line that is not a menu word, file name, id line or generic heading."""
    for line in text.splitlines():
        line = line.strip()
        if not line or len(line) > 160 or line.lower().startswith(("siirry", "takaisin", "euroopan unionin", "euroopan unioni")):
            continue
        if re.search(r"\.(?:jpe?g|png|gif|svg)\b", line, re.IGNORECASE) or "·" in line or re.fullmatch(r"[\d.\s]+", line):
            continue
        if re.match(r"^\d{1,2}\.\d{1,2}\.\d{4}", line):
            continue
        words = re.findall(r"[\wÅÄÖåäö-]+", line)
        if words and all(morphology.has_lemma(w, _GENERIC_HEADINGS) or w.casefold() in _GENERIC_HEADINGS for w in words):
            continue
        return line, line
    return "", ""


def from_labels(labelled: list[Labelled], draft: PageDraft) -> None:
    """Fields from labelled values (the surest source)."""
    for item in all_of(labelled, "name"):
        draft.set("name", item.value, item.source)
    item = first(labelled, "id")
    if item and re.fullmatch(r"[A-Z]?\d{4,7}", item.value.strip()):
        draft.set("id", item.value.strip(), item.source)
    for item in all_of(labelled, "implementer"):
        value = re.sub(r"(?i)^.*?puolesta\s+", "", item.value)
        draft.set("implementer", clean_org(value), item.source)
    for item in all_of(labelled, "partners"):
        lead = next((p for p in re.split(r"\s*[|;]\s*", item.value) if re.search(r"(?i)\((?:lead|pääpartneri|päätoteuttaja|hallinnoija)", p)), None)
        if lead:
            draft.set("implementer", clean_org(lead), item.source)
    for item in all_of(labelled, "funder"):
        value = re.split(r"\s*/\s*|\s+[-–]\s+", item.value)[0]  # "Lapin ELY-keskus/Euroopan maaseudun … rahasto"
        draft.set("funder", clean_funder(value), item.source)
        _fund_from(item.value, item.source, draft, require_payment=False)
    for item in all_of(labelled, "funding"):
        _fund_from(item.value, item.source, draft, require_payment=False)
        if re.search(r"(?i)EU\s*\+\s*valtio|julki", item.value):
            amount = parse_euros(item.value, require_unit=False)
            if amount:
                draft.set("public_funding_eur", format_amount(amount[0]), item.source)
    for item in all_of(labelled, "period"):
        found = parse_range(item.value)
        if found:
            start, end, _ = found
            draft.set("start_date", start.isoformat(), item.source)
            draft.set("end_date", end.isoformat(), item.source)
    for column in ("start_date", "end_date"):
        for item in all_of(labelled, column):
            day = parse_single_day(item.value)
            if day:
                draft.set(column, day.isoformat(), item.source)
    for column in ("budget_total_eur", "public_funding_eur"):
        for item in all_of(labelled, column):
            if is_amount_range(item.value):
                draft.leave_empty(column, f"a range of amounts, not one budget: {item.source}")
                continue
            amount = parse_euros(item.value, require_unit=False)
            if amount:
                draft.set(column, format_amount(amount[0]), item.source)


def _fund_from(text: str, source: str, draft: PageDraft, require_payment: bool = True) -> bool:
    if require_payment and (not _PAYS.search(text) or _NOT_PAYS.search(text)):
        return False
    for pattern, fund in FUND_WORDS:
        if pattern.search(text.strip()):
            if pattern.pattern.startswith("(?i)\\bleader"):
                draft.set("leader", "true", source)
            draft.set("fund", fund, source)
            return True
    return False


def from_prose(text: str, draft: PageDraft) -> None:
    """Fields from running text, where labels did not give them."""
    sentences = sentences_of(text)
    _names(text, draft)
    _implementers(text, draft)
    _funders(sentences, draft)
    _funds(text, sentences, draft)
    _dates(text, sentences, draft)
    _money(sentences, draft)


def _names(text: str, draft: PageDraft) -> None:
    titled = _TITLE_WITH_PERIOD.search(text)
    if titled and _could_be_a_title(titled.group("name")):
        draft.set("name", titled.group("name").strip(" :–-"), titled.group(0))
    alias = _ALIAS_NAME.search(text)
    if alias:
        draft.set("name", alias.group("name"), alias.group(0))
    named = _NAMED_PROJECT.search(text)
    if named:
        draft.set("name", named.group("name").strip(), named.group(0).strip())
    granted = _GRANTED_TO.search(text)
    if granted:
        draft.set("name", morphology.base_form(granted.group("name")), granted.group(0))
    heading, source = _first_heading(text)
    draft.set("name", heading, source)


def _could_be_a_title(text: str) -> bool:
    """A project title before its period, not a label ("Kesto") or a clause ("Hanke toteutetaan",
    "Sivu päivitetty"): no verb, no participle, none of the not-a-project-date words."""
    if is_label(text) or text.rstrip().endswith(":") or _NOT_PROJECT_DATES.search(text):
        return False
    words = re.findall(r"[\wÅÄÖåäö]+", text)
    return not any(a.word_class == "teonsana" or a.participle for w in words for a in morphology.analyse(w))


def _organisations(text: str) -> list[str]:
    parts = re.split(r"\s*,\s*|\s+(?:ja|sekä)\s+", text)
    return [clean_org(p) for p in parts if clean_org(p)]


def _implementers(text: str, draft: PageDraft) -> None:
    for pattern in (_ADMINISTERED, _IMPLEMENTER):
        match = pattern.search(text)
        if match:
            draft.set("implementer", clean_org(match.group("who")), match.group(0))
    started = _STARTED.search(text)
    if started:
        draft.set("implementer", "; ".join(_organisations(started.group("who"))), started.group(0))


def _funders(sentences: list[str], draft: PageDraft) -> None:
    text = "\n".join(sentences)
    for match in _FUNDERS.finditer(text):
        who = match.group("who")
        # "Keski-Suomen ELY-keskus Maaseuturahastosta": the fund is not a funder
        who = re.split(r"\s+(?=[\wÅÄÖåäö-]*rahasto\w*\b)|\s+Euroopan\b", who)[0]
        names = [n for n in _organisations(who) if not re.search(r"(?i)rahasto|hanke", n)]
        if names:
            draft.set("funder", "; ".join(clean_funder(n) for n in names), match.group(0))
            return
    granting = _GRANTING.search(text)
    if granting:
        draft.set("funder", clean_funder(granting.group("who")), granting.group(0))


def _funds(text: str, sentences: list[str], draft: PageDraft) -> None:
    best: tuple[int, str, str] | None = None
    for sentence in sentences:
        if not _PAYS.search(sentence) or _NOT_PAYS.search(sentence):
            continue
        for pattern, fund in FUND_WORDS[:-1]:
            match = pattern.search(sentence)
            if match:
                position = text.find(sentence)
                if best is None or position < best[0]:
                    best = (position, fund, sentence)
                break
    if best:
        draft.set("fund", best[1], best[2])
    if re.search(r"(?i)\bleader-rahoit\w*", text):
        match = re.search(r"(?i)[^.\n]*\bleader-rahoit\w*[^.\n]*", text)
        draft.set("fund", "EAFRD", match.group(0))
        draft.set("leader", "true", match.group(0))
    logos = re.findall(r"(?i)\b([a-z]+)\.(?:jpe?g|png|gif|svg)\b", text)
    for logo in logos:
        if _OLD_FUND.fullmatch(logo):
            draft.set("fund", "other", f"logo {logo} (EMOTR, the EU's agricultural guidance fund before 2007)")
    if not draft.has("fund") and _OLD_FUND.search(text) and any(_PAYS.search(s) and _OLD_FUND.search(s) for s in sentences):
        draft.set("fund", "other", next(s for s in sentences if _OLD_FUND.search(s)))


# Sentences whose dates are not the project's: a page's update, an application round, an event.
_NOT_PROJECT_DATES = re.compile(r"(?i)päivitetty|päivitys|updated|uppdaterad|julkaistu|published|\bhaku|hakuaika|ilmoittautu|tilaisuu|tapahtum|webinaar|seminaar|anmälan|ansökningstid")


def _dates(text: str, sentences: list[str], draft: PageDraft) -> None:
    for sentence in sentences:
        if _NOT_PROJECT_DATES.search(sentence):
            continue
        found = parse_range(sentence)
        if found:
            start, end, matched = found
            draft.set("start_date", start.isoformat(), sentence)
            draft.set("end_date", end.isoformat(), sentence)
            return
    until = re.search(r"(?i)vuoden\s+(?P<year>20\d\d)\s+loppuun", text)
    if until:
        draft.set("end_date", f"{until.group('year')}-12-31", until.group(0))


def _money(sentences: list[str], draft: PageDraft) -> None:
    for sentence in sentences:
        words = re.findall(r"[\wÅÄÖåäö]+", sentence)
        amount = parse_euros(sentence)
        if not amount:
            continue
        budget_word = next((w for w in words if morphology.has_lemma(w, _BUDGET_WORDS)), None)
        public = re.search(r"(?i)julki\w*\s+(?:tuki|tukea|rahoitus\w*)|(?:tukea|tuki)\s+myönne\w+|myönnetty\w*\s+julki\w*\s+tuk\w*", sentence)
        budget_first = budget_word and (not public or sentence.find(budget_word) < public.start())
        if budget_first:
            owner = re.search(r"(?i)\b(?:hankkeen|projektin|hankkeelle|hankkeella)\b", sentence)
            if is_amount_range(sentence) or re.search(r"(?i)\bvoi(?:vat)? olla\b", sentence):
                draft.leave_empty("budget_total_eur", f"a possible range, not the project's budget: {sentence}")
                continue
            if owner:
                draft.set("budget_total_eur", format_amount(amount[0]), sentence)
                # "…kokonaiskustannukset olivat 90 000,00 € ja sille myönnetty julkista tukea oli 90 000,00 €"
                tail = sentence[sentence.find(amount[1]) + len(amount[1]) :]
                public_tail = re.search(r"(?i)julki\w*\s+tuk\w*|tukea\s+myönne\w+", tail)
                if public_tail:
                    second = parse_euros(tail[public_tail.start() :])
                    if second:
                        draft.set("public_funding_eur", format_amount(second[0]), sentence)
            continue
        if public:
            part = sentence[public.start() :]
            found = parse_euros(part) or amount
            draft.set("public_funding_eur", format_amount(found[0]), sentence)


def leader_and_fund_defaults(text: str, draft: PageDraft) -> None:
    """Leader follows from the fund: a structural-fund or Interreg project is not a Leader project."""
    fund = draft.record.get("fund", "")
    if fund in ("ERDF", "ESF", "ESF+", "JTF", "Interreg"):
        draft.set("leader", "false", f"fund {fund}: Leader is a method of the rural fund (EAFRD) only")
    elif not draft.has("leader"):
        structural = next((s for s in sentences_of(text) if _STRUCTURAL.search(s) and _PAYS.search(s)), None)
        if structural:
            draft.set("leader", "false", structural)
        elif _HIGHER_EDUCATION.search(draft.record.get("implementer", "").split(";")[0]) and not re.search(r"(?i)\bleader", text):
            lead = draft.record["implementer"].split(";")[0].strip()
            draft.set("leader", "false", f"led by a higher-education institution ({lead}) and the page never mentions Leader")
        elif re.search(r"(?i)\bteemahanke", text) and re.search(r"\bLeader\b", text):
            source = re.search(r"(?i)[^.\n]*\bleader\b[^.\n]*", text).group(0)
            draft.set("leader", "true", f"a Leader group's theme project (teemahanke): {source}")
            draft.set("fund", "EAFRD", f"Leader theme project: {source}")


def owner_of_the_project(text: str, draft: PageDraft, resolver: AreaResolver) -> None:
    """``Hämeen Kylien Omalta kylältä Hämeessä -hanke``: the genitive before the project's own
    name is the body that runs it (→ ``Hämeen Kylät``). Not when the genitive is a place
    (``Kanta-Hämeen … -hanke`` says where, not who) or cannot be put in the nominative."""
    name = draft.record.get("name", "")
    if draft.has("implementer") or len(name) < 4:
        return
    short = re.sub(r"(?:\s*-|\s+)hanke$", "", name.split(":")[0]).strip()
    match = re.search(rf"(?P<owner>(?:[A-ZÅÄÖ][\wÅÄÖåäö-]*\s+){{0,3}}[A-ZÅÄÖ][\wÅÄÖåäö-]*)\s+{re.escape(short)}\s+-\s?\w*hank", text)
    if not match:
        return
    words = match.group("owner").split()
    if not words or not any(a.case == "genitive" for a in morphology.analyse(words[-1])):
        return
    head = morphology.nominative(words[-1])
    owner = " ".join(words[:-1] + [head]) if head else None
    if not owner:
        draft.leave_empty("implementer", f"'{match.group('owner')}' runs the project, but its nominative is not certain: {match.group(0)}")
        return
    for resolve in (resolver.resolve_region, resolver.resolve_municipality, resolver.resolve_subregion):
        result = resolve(match.group("owner"))
        if result.ok and result.method != "fuzzy":
            return
    draft.set("implementer", owner, match.group(0))


def municipal_implementer_code(implementer: str, resolver: AreaResolver) -> str | None:
    """``Savukosken kunta`` / ``Kimitoöns kommun`` → the municipality's code (its own project)."""
    match = _MUNICIPAL.match(implementer or "")
    if not match:
        return None
    name = match.group("name")
    candidates = [name]
    if match.group("kind").casefold() in ("kommun", "stad") and name.endswith("s"):
        candidates.insert(0, name[:-1])  # Swedish genitive: Kimitoöns → Kimitoön
    for candidate in candidates:
        result = resolver.resolve_municipality(candidate)
        if result.ok and result.method in ("name", "inflected", "alias", "former"):
            return result.code
    return None
