"""Where a project is, from prose: municipalities, sub-regions and regions named as its area.

A place counts only where the sentence makes it the project's area: a list ending in
``kunnat``/``kunnissa``/``kuntien``, a sub-region (``Saarijärven-Viitasaaren seutukunnan``,
expanded to its municipalities), ``toiminta-alueella (Joroinen, Juva …)``, ``koko
Keski-Suomi``, ``Etelä-Savon alueen``, ``Urjalan Asemanseudun``, or a region in a locative
case in a sentence about the project (``-hanke on toiminut Kanta-Hämeessä``). Towns named
for other reasons (a factory, an applicant's post office, a capital-of-culture bid, a
co-funding city) are not the project's area and are left alone. Words are matched by their
base form (Voikko), so any case of ``kunta``, ``alue`` or ``seutukunta`` works.
"""

from __future__ import annotations

import re

from dashboard.core import morphology
from dashboard.core.names import AreaResolver


def sentences_of(text: str) -> list[str]:
    from dashboard.io.importers.page_text.prose import sentences_of as split

    return split(text)

_GOOD = ("name", "alias", "inflected", "former")
_WORD = r"[A-ZÅÄÖ][\wÅÄÖåäö]*(?:[-–][A-ZÅÄÖ]?[\wÅÄÖåäö]+)*"
_NAME = rf"{_WORD}(?:\s+{_WORD})?"
_JOIN = r"(?:\s*,\s*|\s+ja\s+|\s+sekä\s+|\s+och\s+)"
_ITEM = rf"{_NAME}(?:\s+seutukun\w+)?"
_LIST_BEFORE_HEAD = re.compile(rf"(?P<list>(?:{_ITEM}{_JOIN})*{_ITEM})\s+(?P<head>[\wåäö]+)")
_PAREN_LIST = re.compile(rf"(?P<area>[\wåäö-]+)\s*\((?P<list>(?:{_NAME}{_JOIN})+{_NAME})\)")
_SUBREGION = re.compile(rf"(?P<name>{_WORD})\s+(?P<head>seutukun\w+)")
_WHOLE = re.compile(rf"\bkoko\s+(?P<name>{_WORD})")
_GENITIVE_AREA = re.compile(rf"(?<![\wÅÄÖåäö-])(?P<name>{_WORD})\s+(?P<head>[\wåäöÅÄÖ-]+)")

_MUNICIPALITY_HEADS = frozenset({"kunta", "kaupunki", "kommun", "stad"})
_AREA_HEADS = frozenset({"alue", "toiminta-alue", "hankealue", "kohdealue", "toimialue"})
_PLACE_HEADS = frozenset({"alue", "asemanseutu", "kirkonkylä", "taajama", "kuntakeskus", "keskustaajama"})
# A town named as where an event is held is not the project's area.
_EVENT = re.compile(r"(?i)tilaisuu|tapahtum|seminaar|webinaar|kokou|koulutu|messu|pidetään|järjestetään|järjestettiin")
_PROJECT_WORDS = ("hank", "projekt")
_ACTIVE_VERBS = frozenset({"toimia", "toteuttaa", "toteutua", "järjestää", "kehittää", "tarjota", "vahvistaa", "edistää", "parantaa", "tukea"})

# Named groups of regions that the texts use as one phrase ("Suomen kolme Pohjanmaan maakuntaa"):
# by convention the three Ostrobothnias are Pohjanmaa, Etelä-Pohjanmaa and Keski-Pohjanmaa
# (Pohjois-Pohjanmaa is counted on its own).
REGION_GROUPS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"(?i)\b(?:kolme|kolmen)\s+pohjanmaan\s+maakun\w+|\bkolme\s+pohjanmaata\b|\bde\s+tre\s+österbottniska\s+landskapen\b"), ("Pohjanmaa", "Etelä-Pohjanmaa", "Keski-Pohjanmaa")),
)


def _municipality(resolver: AreaResolver, name: str) -> str | None:
    result = resolver.resolve_municipality(name)
    return result.code if result.ok and result.method in _GOOD else None


def _region(resolver: AreaResolver, name: str) -> str | None:
    result = resolver.resolve_region(name)
    return result.code if result.ok and result.method in _GOOD else None


def _subregion(resolver: AreaResolver, name: str) -> str | None:
    result = resolver.resolve_subregion(f"{name} seutukunta")
    return result.code if result.ok else None


def _list_item(resolver: AreaResolver, item: str) -> list[str] | None:
    """Codes of one list item (a municipality, or a sub-region's members), None if not a place."""
    sub = re.match(r"(?P<name>.+?)\s+seutukun\w+$", item)
    if sub:
        code = _subregion(resolver, sub.group("name"))
        members = resolver.municipalities_of_subregion(code) if code else []
        return members or None
    code = _municipality(resolver, item)
    return [code] if code else None


def _items(text: str) -> list[str]:
    return [p.strip() for p in re.split(_JOIN, text) if p.strip()]


def municipalities(text: str, resolver: AreaResolver) -> tuple[list[str], list[str]]:
    """Municipality codes named as the project's area, and the texts they were read from."""
    codes: list[str] = []
    sources: list[str] = []
    for sentence in sentences_of(text):
        for match in _LIST_BEFORE_HEAD.finditer(sentence):
            head = match.group("head")
            if not morphology.has_lemma(head, _MUNICIPALITY_HEADS):
                continue
            items = _items(match.group("list"))
            plural = any(a.number == "plural" for a in morphology.analyse(head)) or re.search(r"(?i)(?:nat|niss[aä]|nien|nist[aä]|ngit|ngeissa|ngien|nille)$", head)
            if len(items) < 2 and not plural:
                continue  # "Oulun kaupungin konsernihallinto": one town as an organisation's owner
            found = []
            for position, item in enumerate(items):
                item_codes = _list_item(resolver, item)
                if item_codes is None and position == 0 and " " in item:
                    item_codes = _list_item(resolver, item.split(" ", 1)[1])  # "Lisäksi Kannonkosken, …"
                if item_codes is None:
                    found = []  # every item must be a place, or the list is about something else
                    break
                found.extend(item_codes)
            if found:
                codes.extend(found)
                sources.append(match.group(0))
        for match in _PAREN_LIST.finditer(sentence):
            if not morphology.has_lemma(match.group("area"), _AREA_HEADS):
                continue
            found = [_municipality(resolver, item) for item in _items(match.group("list"))]
            if found and all(found):
                codes.extend(found)  # type: ignore[arg-type]
                sources.append(match.group(0))
        for match in _SUBREGION.finditer(sentence):
            name = match.group("name")
            code = _subregion(resolver, name)
            if code and morphology.has_lemma(match.group("head"), {"seutukunta"}):
                members = resolver.municipalities_of_subregion(code)
                if members:
                    codes.extend(members)
                    sources.append(f"{match.group(0)} (sub-region {resolver.subregion_name(code)}: {len(members)} municipalities)")
        for match in _GENITIVE_AREA.finditer(sentence):
            name, head = match.group("name"), match.group("head")
            if not morphology.has_lemma(head, _PLACE_HEADS) or _EVENT.search(sentence):
                continue
            if morphology.available() and "genitive" not in morphology.cases(name):
                continue
            before = sentence[: match.start()].rstrip()
            if before and re.search(r"[A-ZÅÄÖ][\wåäö]*$", before):
                continue  # "Oulun Eteläisen alueella": part of a longer name
            if _region(resolver, name) or _subregion(resolver, name):
                continue
            code = _municipality(resolver, name)
            if code:
                codes.append(code)
                sources.append(match.group(0))
    return list(dict.fromkeys(codes)), sources


def regions(text: str, resolver: AreaResolver, english: bool = False) -> tuple[list[str], list[str]]:
    """Region codes named as the project's area, and the texts they were read from."""
    codes: list[str] = []
    sources: list[str] = []
    for pattern, names in REGION_GROUPS:
        match = pattern.search(text)
        if match:
            codes.extend(c for c in (_region(resolver, n) for n in names) if c)
            sources.append(match.group(0))
    for sentence in sentences_of(text):
        for match in _WHOLE.finditer(sentence):
            code = _region(resolver, match.group("name"))
            if code:
                codes.append(code)
                sources.append(match.group(0))
        for match in _GENITIVE_AREA.finditer(sentence):
            name, head = match.group("name"), match.group("head")
            if morphology.has_lemma(head, _AREA_HEADS) or (morphology.has_lemma(head, {"seutukunta"}) and _plural(head)):
                code = _region(resolver, name)
                if code:
                    codes.append(code)
                    sources.append(match.group(0))
        if any(w in sentence.casefold() for w in _PROJECT_WORDS) and _about_the_project(sentence):
            for match in re.finditer(_WORD, sentence):
                word = match.group(0)
                if not (morphology.cases(word) & morphology.LOCATIVE):
                    continue
                code = _region(resolver, word)
                if code:
                    codes.append(code)
                    sources.append(sentence.strip())
    if english:
        for code, name in zip(resolver.regions["code"], resolver.regions["name_en"]):
            pattern = re.escape(str(name)).replace(r"South\ ", r"South(?:ern)?\ ").replace(r"North\ ", r"North(?:ern)?\ ").replace(r"Central\ ", r"Central\ ")
            match = re.search(rf"\b{pattern}\b", text)
            if match and len(str(name)) > 4:
                codes.append(code)
                sources.append(match.group(0))
    return list(dict.fromkeys(codes)), sources


def _plural(word: str) -> bool:
    return any(a.number == "plural" for a in morphology.analyse(word)) or bool(re.search(r"(?:ien|nat|issa|issä)$", word))


def _about_the_project(sentence: str) -> bool:
    """The project is the subject: '-hanke on toiminut …', '… -hankkeen tavoitteena …'."""
    words = re.findall(r"[\wÅÄÖåäö-]+", sentence)
    for index, word in enumerate(words):
        lowered = word.casefold()
        if "hank" not in lowered and "projekt" not in lowered:
            continue
        if lowered.endswith(("hankkeen", "projektin")) and index + 1 < len(words) and morphology.has_lemma(words[index + 1], {"tavoite", "päätavoite", "tarkoitus"}):
            return True
        if lowered.endswith(("hanke", "projekti")):
            rest = words[index + 1 : index + 4]
            if any(morphology.has_lemma(w, _ACTIVE_VERBS) for w in rest):
                return True
    return False
