"""Resolve any reference to a municipality or region into its official code.

Project texts name places in many ways: the code ("092", "KU092"), the Finnish or Swedish
name in any case ("VANTAA", "Vanda"), inflected Finnish ("Kannonkosken", "Karstulassa",
"Kinnulasta", "Kivijärvelle"), or a municipality that has since merged into another
("Jalasjärvi" → Kurikka). :class:`AreaResolver` handles all of these and, for anything it
cannot place, says so with the closest suggestions (rapidfuzz) instead of dropping it.

Inflected forms are generated forwards from each official name (Finnish place names are
mostly compounds of a few heads such as -koski, -järvi, -joki, -lahti, -vesi, whose stems
are listed below; other names follow general stem and consonant-gradation rules). A wrong
generated form is harmless: it only matters if it collides with another name's form, and
colliding forms are dropped as ambiguous. Forms the tables never produced are lemmatised
with Voikko (:mod:`dashboard.core.morphology`) and looked up again.

Sub-regions (seutukunnat, Statistics Finland's classification) are a third kind of area:
``resolve_subregion("Saarijärven-Viitasaaren seutukunta")`` gives its code, and
:meth:`AreaResolver.municipalities_of_subregion` its member municipalities. A resolver built
without the sub-region layer simply resolves no sub-region.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from typing import Iterable, Literal


import pandas as pd
from rapidfuzz import fuzz, process

from dashboard.core.morphology import place_lemmas

Method = Literal["code", "name", "alias", "former", "inflected", "fuzzy"]


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving one reference: a code, or suggestions and a reason."""

    query: str
    code: str | None
    name: str | None = None
    method: Method | None = None
    suggestions: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return self.code is not None

    def problem(self, kind: str = "municipality") -> str:
        """A sentence a person can act on, for a failed resolution."""
        hint = f" (did you mean: {', '.join(self.suggestions)}?)" if self.suggestions else ""
        return f"unknown {kind} '{self.query}'{hint}"


def normalise(text: str) -> str:
    """Case-fold, unify dashes and whitespace, drop stray punctuation at the ends."""
    text = unicodedata.normalize("NFC", str(text))
    text = re.sub(r"[‐‑‒–—−]", "-", text)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s+", " ", text).strip(" .,:;()\"'").casefold()
    return text


# Stems of the common last parts of Finnish place names: (weak-grade stem, strong-grade stem).
_HEAD_STEMS: dict[str, tuple[str, ...]] = {
    "koski": ("koske",),
    "järvi": ("järve",),
    "saari": ("saare",),
    "salmi": ("salme",),
    "niemi": ("nieme",),
    "lahti": ("lahde", "lahte"),
    "joki": ("joe", "joke"),
    "mäki": ("mäe", "mäke"),
    "vesi": ("vede", "vete"),
    "lampi": ("lamme", "lampe"),
    "kumpu": ("kummu", "kumpu"),
    "kaupunki": ("kaupungi", "kaupunki"),
    "virta": ("virra", "virta"),
    "ranta": ("ranna", "ranta"),
    "kangas": ("kankaa",),
    "pudas": ("putaa",),
    "lappi": ("lapi", "lappi"),
    "suomi": ("suome",),
}
# First parts that inflect too ("Uusikaupunki" → "Uudenkaupungin").
_INFLECTING_PREFIXES = {"uusi": "uuden", "iso": "ison"}

_WEAK_GRADE = [
    ("kk", "k"),
    ("pp", "p"),
    ("tt", "t"),
    ("nk", "ng"),
    ("mp", "mm"),
    ("nt", "nn"),
    ("lt", "ll"),
    ("rt", "rr"),
    ("ht", "hd"),
    ("rk", "r"),
    ("lk", "l"),
    ("t", "d"),
    ("p", "v"),
    ("k", ""),
]
_STRONG_GRADE = [("ng", "nk"), ("mm", "mp"), ("nn", "nt"), ("ll", "lt"), ("rr", "rt"), ("hd", "ht"), ("d", "t"), ("v", "p")]
_VOWELS = "aeiouyäöå"

_CASE_ENDINGS = ("n", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "na", "nä", "ksi", "lla", "hin", "seen")


def _grade(stem: str, table: list[tuple[str, str]]) -> str | None:
    """Apply consonant gradation to the consonant cluster before the stem's final vowel(s)."""
    match = re.search(rf"([^{_VOWELS}\-\s]+)([{_VOWELS}]+)$", stem)
    if not match or match.start() == 0:
        return None
    cluster, tail = match.group(1), match.group(2)
    head = stem[: match.start()]
    for strong, weak in table:
        if cluster.endswith(strong) and (len(strong) > 1 or len(cluster) == len(strong)):
            return head + cluster[: len(cluster) - len(strong)] + weak + tail
    return None


def _word_stems(word: str) -> set[str]:
    """Stems to which Finnish case endings attach, for one (last) word of a name."""
    for head, head_stems in _HEAD_STEMS.items():
        if word.endswith(head):
            base = word[: -len(head)]
            return {base + s for s in head_stems}
    stems: set[str] = set()
    if word.endswith("nen"):
        base = word[:-3]
        return {base + "se", base + "si"}
    last = word[-1]
    if last == "i":
        stems |= {word, word[:-1] + "e"}
    elif last == "e":
        stems |= {word, word + "e"}
    elif last in _VOWELS:
        stems.add(word)
    elif word.endswith(("as", "äs")):
        base = word[:-1]
        stems |= {base + base[-1]}
        strong = _grade(base, _STRONG_GRADE)
        if strong:
            stems.add(strong + base[-1])
    elif word.endswith(("us", "ys", "is", "os", "ös")):
        base = word[:-1]
        stems |= {base + "kse", base + "de", base + "te"}
    else:
        stems |= {word + "i", word}
    for stem in list(stems):
        weak = _grade(stem, _WEAK_GRADE)
        if weak:
            stems.add(weak)
    return stems


def inflected_forms(name: str) -> set[str]:
    """Generate the Finnish case forms of a (normalised) place name."""
    words = name.split(" ")
    first, rest = words[0], (" " + " ".join(words[1:])) if len(words) > 1 else ""
    prefixes = [""]
    for prefix, inflected in _INFLECTING_PREFIXES.items():
        if first.startswith(prefix) and len(first) > len(prefix) + 2:
            prefixes = [prefix, inflected]
            first = first[len(prefix) :]
            break
    forms: set[str] = set()
    for stem in _word_stems(first):
        for prefix in prefixes:
            full = prefix + stem
            forms.update(full + ending for ending in _CASE_ENDINGS)
            forms.add(full + full[-1] + "n")  # illative: Karstulaan, Kivijärveen
    if first.endswith("nen"):
        base = (prefixes[-1] if len(prefixes) > 1 else "") + first[:-3]
        forms |= {base + "sten", base + "siin", base + "sissa", base + "sissä", base + "sista", base + "sistä"}
    return {form + rest for form in forms}


def _hyphenated_forms(name: str) -> set[str]:
    """``saarijärvi-viitasaari`` is also written with both parts inflected: ``saarijärven-viitasaaren``."""
    words = name.split(" ")
    parts = words[0].split("-")
    if len(parts) < 2 or not all(parts):
        return set()
    rest = (" " + " ".join(words[1:])) if len(words) > 1 else ""
    heads = {"-".join(s + "n" for s in combo) for combo in _product([_word_stems(p) for p in parts[:-1]])}
    lasts = inflected_forms(parts[-1])
    return {f"{head}-{last}{rest}" for head in heads for last in lasts}


def _product(options: list[set[str]]) -> list[tuple[str, ...]]:
    combos: list[tuple[str, ...]] = [()]
    for choice in options:
        combos = [c + (o,) for c in combos for o in sorted(choice)]
    return combos


# Words that follow a place name in running text but are not part of it.
_TRAILING_WORDS = re.compile(
    r"\s+(kunta|kunnan|kunnassa|kunnat|kunnissa|kaupunki|kaupungin|kaupungissa|kommun|stad|seutu|seudun|alue|alueen|alueella|maakunta|maakunnan|maakunnassa|region|landskap)$"
)
_SUBREGION_WORDS = re.compile(
    r"(?:\s+|-)(seutukun\w*|seutu|seudun|seudulla|seudulle|seudulta|seutua|ekonomiska region|ekonomisk region|region|sub-?region)$"
)


@dataclass
class _Index:
    exact: dict[str, str]  # normalised official name / alias → code
    former: dict[str, str]
    inflected: dict[str, str]
    display: dict[str, str]  # code → display name
    code_width: int
    code_prefixes: tuple[str, ...]

    @property
    def all_forms(self) -> dict[str, str]:
        merged = dict(self.inflected)
        merged.update(self.former)
        merged.update(self.exact)
        return merged


def _build_index(
    names: Iterable[tuple[str, Iterable[str]]],
    display: dict[str, str],
    width: int,
    prefixes: tuple[str, ...],
    former: Iterable[tuple[str, str]] = (),
    aliases: Iterable[tuple[str, str]] = (),
) -> _Index:
    exact: dict[str, str] = {}
    ambiguous: set[str] = set()

    def add(target: dict[str, str], key: str, code: str) -> None:
        if key in ambiguous or not key:
            return
        if key in target and target[key] != code:
            ambiguous.add(key)
            del target[key]
        else:
            target[key] = code

    for code, variants in names:
        for variant in variants:
            add(exact, normalise(variant), code)
    for alias, code in aliases:
        add(exact, normalise(alias), code)
    former_map: dict[str, str] = {}
    for name, code in former:
        key = normalise(name)
        if key not in exact:
            add(former_map, key, code)
    inflected: dict[str, str] = {}
    ambiguous.clear()
    for key, code in list(exact.items()) + list(former_map.items()):
        for form in inflected_forms(key) | _hyphenated_forms(key):
            if form not in exact and form not in former_map:
                add(inflected, form, code)
    return _Index(exact, former_map, inflected, display, width, prefixes)


class AreaResolver:
    """Resolves municipality and region references (codes, names, inflections, former names)."""

    def __init__(
        self,
        municipalities: pd.DataFrame,
        regions: pd.DataFrame,
        municipality_region: pd.DataFrame,
        former: pd.DataFrame | None = None,
        fuzzy_cutoff: float = 88.0,
        subregions: pd.DataFrame | None = None,
        municipality_subregion: pd.DataFrame | None = None,
    ) -> None:
        self.municipalities = municipalities[["code", "name_fi", "name_sv", "name_en"]].reset_index(drop=True)
        self.regions = regions[["code", "name_fi", "name_sv", "name_en"]].reset_index(drop=True)
        self.municipality_region = dict(zip(municipality_region["code"], municipality_region["region_code"]))
        self.former = former if former is not None else pd.DataFrame(columns=["former_code", "former_name_fi", "former_name_sv", "code"])
        self.fuzzy_cutoff = fuzzy_cutoff
        self._municipality_codes = set(self.municipalities["code"])
        self._former_codes = dict(zip(self.former["former_code"], self.former["code"]))
        municipality_aliases = []
        for code, name in zip(self.municipalities["code"], self.municipalities["name_fi"]):
            # "Koski Tl" is also written "Koski"; "Pedersören kunta" also "Pedersöre".
            short = _TRAILING_WORDS.sub("", normalise(name))
            short = re.sub(r"\s+tl$", "", short)
            if short != normalise(name):
                municipality_aliases.append((short, code))
        self._municipality_index = _build_index(
            ((c, (fi, sv, en)) for c, fi, sv, en in self.municipalities.itertuples(index=False)),
            dict(zip(self.municipalities["code"], self.municipalities["name_fi"])),
            3,
            ("KU",),
            former=[(n, c) for n, c in zip(self.former["former_name_fi"], self.former["code"])]
            + [(n, c) for n, c in zip(self.former["former_name_sv"], self.former["code"])],
            aliases=municipality_aliases,
        )
        region_aliases = []
        for code, name in zip(self.regions["code"], self.regions["name_fi"]):
            short = _TRAILING_WORDS.sub("", normalise(name))
            if short != normalise(name):
                region_aliases.append((short, code))
        self._region_index = _build_index(
            ((c, (fi, sv, en)) for c, fi, sv, en in self.regions.itertuples(index=False)),
            dict(zip(self.regions["code"], self.regions["name_fi"])),
            2,
            ("MK",),
            aliases=region_aliases,
        )
        # Sub-regions: ``code`` ("138"), ``name_fi``, ``name_sv``; members ``code`` → ``subregion_code``.
        self.subregions = (subregions if subregions is not None else pd.DataFrame(columns=["code", "name_fi", "name_sv"]))[["code", "name_fi", "name_sv"]].reset_index(drop=True)
        members = municipality_subregion if municipality_subregion is not None else pd.DataFrame(columns=["code", "subregion_code"])
        self.municipality_subregion = dict(zip(members["code"], members["subregion_code"]))
        subregion_aliases = []
        for code, name in zip(self.subregions["code"], self.subregions["name_fi"]):
            short = _SUBREGION_WORDS.sub("", normalise(name))
            if short != normalise(name):
                subregion_aliases.append((short, code))
            # Classifications write "Saarijärvi-Viitasaari" or "Saarijärven–Viitasaaren seutukunta":
            # the genitive form also gets its nominative ("Joutsan seutukunta" → "Joutsa").
            written = re.sub(r"\s*[‐‑‒–—−-]\s*", "-", str(name))
            written = re.sub(_SUBREGION_WORDS.pattern, "", written, flags=re.IGNORECASE).strip()
            for lemma in place_lemmas(written)[:1]:
                if normalise(lemma) != short:
                    subregion_aliases.append((normalise(lemma), code))
        self._subregion_index = _build_index(
            ((c, (fi, sv)) for c, fi, sv in self.subregions.itertuples(index=False)),
            dict(zip(self.subregions["code"], self.subregions["name_fi"])),
            3,
            ("SK",),
            aliases=subregion_aliases,
        )
        self._cache: dict[tuple[str, str], Resolution] = {}

    # --- public API ----------------------------------------------------------------

    def resolve_municipality(self, reference: object) -> Resolution:
        return self._resolve(reference, "municipality")

    def resolve_region(self, reference: object) -> Resolution:
        return self._resolve(reference, "region")

    def resolve_subregion(self, reference: object) -> Resolution:
        """A sub-region (seutukunta): ``Saarijärven-Viitasaaren seutukunta``, ``SK138``, ``138``.

        Never fuzzy: a near miss of a sub-region name is more often a municipality or a region.
        """
        return self._resolve(reference, "subregion")

    def subregion_name(self, code: str, language: str = "fi") -> str:
        row = self.subregions.loc[self.subregions["code"] == code]
        return str(row.iloc[0][f"name_{language}"]) if len(row) else code

    def municipalities_of_subregion(self, subregion_code: str) -> list[str]:
        return sorted(c for c, s in self.municipality_subregion.items() if s == subregion_code)

    def municipality_name(self, code: str, language: str = "fi") -> str:
        row = self.municipalities.loc[self.municipalities["code"] == code]
        return str(row.iloc[0][f"name_{language}"]) if len(row) else code

    def region_name(self, code: str, language: str = "fi") -> str:
        row = self.regions.loc[self.regions["code"] == code]
        return str(row.iloc[0][f"name_{language}"]) if len(row) else code

    def region_of(self, municipality_code: str) -> str | None:
        return self.municipality_region.get(municipality_code)

    def municipalities_of_region(self, region_code: str) -> list[str]:
        return sorted(c for c, r in self.municipality_region.items() if r == region_code)

    # --- internals -----------------------------------------------------------------

    def _resolve(self, reference: object, kind: str) -> Resolution:
        query = "" if reference is None else str(reference).strip()
        key = (kind, query)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        result = self._resolve_uncached(query, kind)
        self._cache[key] = result
        return result

    def _resolve_uncached(self, query: str, kind: str) -> Resolution:
        index = {"municipality": self._municipality_index, "region": self._region_index, "subregion": self._subregion_index}[kind]
        valid_codes = {"municipality": self._municipality_codes, "region": set(self.regions["code"]), "subregion": set(self.subregions["code"])}[kind]
        text = normalise(query)
        if not text:
            return Resolution(query, None)
        code_text = text.upper()
        for prefix in index.code_prefixes:
            code_text = code_text.removeprefix(prefix)
        if code_text.isdigit() and len(code_text) <= index.code_width:
            code = code_text.zfill(index.code_width)
            if code in valid_codes:
                return Resolution(query, code, index.display[code], "code")
            if kind == "municipality" and code in self._former_codes:
                new = self._former_codes[code]
                return Resolution(query, new, index.display[new], "former")
            return Resolution(query, None, suggestions=())
        trailing = _SUBREGION_WORDS if kind == "subregion" else _TRAILING_WORDS
        candidates = list(dict.fromkeys((text, trailing.sub("", text))))
        for candidate in candidates:
            if candidate in index.exact:
                code = index.exact[candidate]
                return Resolution(query, code, index.display[code], "name" if candidate == text else "alias")
            if candidate in index.former:
                code = index.former[candidate]
                return Resolution(query, code, index.display[code], "former")
            if candidate in index.inflected:
                code = index.inflected[candidate]
                return Resolution(query, code, index.display[code], "inflected")
        # Forms the generated tables never produced: ask the morphological analyser (which
        # needs the capitals: it knows "Kanta-Hämeessä" as a place name, not "kanta-hämeessä").
        original = re.sub(r"\s*[‐‑‒–—−-]\s*", "-", unicodedata.normalize("NFC", query)).strip(" .,:;()\"'")
        for candidate in dict.fromkeys((original, re.sub(trailing.pattern, "", original, flags=re.IGNORECASE))):
            for lemma in place_lemmas(candidate):
                key = normalise(lemma)
                for table, method in ((index.exact, "inflected"), (index.former, "former")):
                    if key in table:
                        code = table[key]
                        return Resolution(query, code, index.display[code], method)  # type: ignore[arg-type]
        if kind == "subregion":
            return Resolution(query, None)
        forms = index.all_forms
        best = process.extractOne(text, forms.keys(), scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff)
        if best is not None:
            runner_up = process.extract(text, forms.keys(), scorer=fuzz.ratio, limit=5)
            rivals = {forms[m] for m, score, _ in runner_up if score >= best[1] - 0.01}
            if len(rivals) == 1:
                code = forms[best[0]]
                return Resolution(query, code, index.display[code], "fuzzy")
        suggestions = process.extract(text, {c: normalise(n) for c, n in index.display.items()}, scorer=fuzz.WRatio, limit=3)
        return Resolution(query, None, suggestions=tuple(index.display[c] for _, _, c in suggestions))
