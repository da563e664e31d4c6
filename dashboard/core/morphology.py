"""Finnish morphology: the base form (lemma) of an inflected word, from Voikko.

Page text names places and bodies in whatever case the sentence needs ("Saarijärven–
Viitasaaren seutukunnan", "Kanta-Hämeessä", "Maaseuturahastosta"). The resolver's generated
inflection tables cover the common forms of official names; Voikko, a real analyser with a
Finnish lexicon, also knows the forms the tables never produced and the common nouns the
prose patterns look for (``seutukunnan`` → ``seutukunta``, ``kunnostushankkeeseen`` →
``kunnostushanke``).

Voikko is the system library ``libvoikko`` with the ``voikko-fi`` dictionary (Debian
packages ``libvoikko1 voikko-fi``) and the PyPI binding ``libvoikko``. Without them the
module still works: :func:`available` is False and the lemma of a word is guessed by
stripping the common case endings, which is enough for the prose patterns' head words
(they match on a stem) but not for resolving unseen place-name forms.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

_LOCK = threading.Lock()  # a Voikko handle must not be used by two threads at once
_HANDLE: object | None = None
_TRIED = False

# Voikko's case names (SIJAMUOTO) → short English names used by the patterns.
CASES = {
    "nimento": "nominative",
    "omanto": "genitive",
    "osanto": "partitive",
    "olento": "essive",
    "tulento": "translative",
    "sisaolento": "inessive",
    "sisaeronto": "elative",
    "sisatulento": "illative",
    "ulkoolento": "adessive",
    "ulkoeronto": "ablative",
    "ulkotulento": "allative",
    "vajanto": "abessive",
    "seuranto": "comitative",
    "keinonto": "instructive",
}
LOCATIVE = frozenset({"inessive", "elative", "illative", "adessive", "ablative", "allative"})

# Fallback: case endings, longest first (only used without Voikko).
_ENDINGS = sorted(
    ["n", "a", "ä", "t", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "na", "nä", "en", "seen", "iin", "ien", "jen", "ista", "istä", "issa", "issä", "illa", "illä", "ille", "ina", "inä", "ta", "tä"],
    key=len,
    reverse=True,
)


@dataclass(frozen=True)
class Analysis:
    """One reading of a word: its base form, word class, case and number (None when not given)."""

    lemma: str
    word_class: str | None = None  # Voikko's CLASS: nimisana, paikannimi, teonsana, laatusana …
    case: str | None = None  # see CASES
    number: str | None = None  # singular / plural
    participle: str | None = None  # Voikko's PARTICIPLE (past_active: "toiminut" of "toimia")

    @property
    def is_place_name(self) -> bool:
        return self.word_class == "paikannimi"


def _handle():
    """The Voikko instance, created on first use; None when the library or dictionary is missing."""
    global _HANDLE, _TRIED
    if _TRIED:
        return _HANDLE
    _TRIED = True
    try:
        import libvoikko  # type: ignore[import-not-found]

        _HANDLE = libvoikko.Voikko("fi")
    except Exception:  # ImportError, OSError (no libvoikko.so) or VoikkoException (no dictionary)
        _HANDLE = None
    return _HANDLE


def available() -> bool:
    """True when Voikko (library, Finnish dictionary and binding) is installed."""
    return _handle() is not None


def _disable_for_tests() -> None:
    """Act as if Voikko were missing (tests of the fallback)."""
    global _HANDLE, _TRIED
    _HANDLE, _TRIED = None, True
    analyse.cache_clear()


def _enable_again() -> None:
    global _HANDLE, _TRIED
    _HANDLE, _TRIED = None, False
    analyse.cache_clear()


@lru_cache(maxsize=50_000)
def analyse(word: str) -> tuple[Analysis, ...]:
    """All readings of one word (no spaces); without Voikko, guesses from case endings."""
    word = word.strip()
    if not word:
        return ()
    handle = _handle()
    if handle is None:
        return tuple(Analysis(stem) for stem in _guess_stems(word))
    with _LOCK:
        raw = handle.analyze(word)
    readings = []
    for item in raw:
        lemma = item.get("BASEFORM") or word
        readings.append(Analysis(lemma, item.get("CLASS"), CASES.get(item.get("SIJAMUOTO") or ""), item.get("NUMBER"), item.get("PARTICIPLE")))
    return tuple(dict.fromkeys(readings))


def _guess_stems(word: str) -> list[str]:
    lowered = word.casefold()
    stems = [word]
    for ending in _ENDINGS:
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 3:
            stems.append(word[: -len(ending)])
    return stems


def lemmas(word: str) -> tuple[str, ...]:
    """Possible base forms of ``word`` (the word itself when nothing is known)."""
    found = tuple(dict.fromkeys(a.lemma for a in analyse(word)))
    return found or (word,)


def has_lemma(word: str, vocabulary: frozenset[str] | set[str]) -> bool:
    """Is one reading of ``word`` in ``vocabulary`` (lower-case base forms)?

    Without Voikko a word also counts when it starts with a vocabulary word minus its last
    letter and is at most five letters longer ("alueella" ~ "alue"), which is how Finnish
    case endings attach to the head words the patterns use.
    """
    lowered = word.casefold()
    if any(lemma.casefold() in vocabulary for lemma in lemmas(word)):
        return True
    if available():
        # Voikko gives a participle ("toiminut", "käynnistäneet") as an adjective whose base
        # form is the participle itself: compare it with the verbs' stems ("toimi-", "käynnistä-").
        participles = [a.lemma.casefold() for a in analyse(word) if a.participle]
        return any(p.startswith(v[:-2]) for p in participles for v in vocabulary if len(v) > 4 and v.endswith(("a", "ä")))
    return any(len(v) > 3 and lowered.startswith(v[:-1]) and len(lowered) - len(v) <= 5 for v in vocabulary)


def cases(word: str) -> set[str]:
    """The cases ``word`` can be in (empty without Voikko)."""
    return {a.case for a in analyse(word) if a.case}


def base_form(phrase: str) -> str:
    """The phrase with its last word in the base form, the rest kept as written.

    ``Panumanjärven ja -ojan kunnostushankkeeseen`` → ``Panumanjärven ja -ojan kunnostushanke``
    (a genitive attribute stays genitive; only the head noun inflects with the sentence).
    Capitals of the original word are kept. Without Voikko the phrase is returned unchanged.
    """
    match = re.search(r"([\wÅÄÖåäö]+)(\W*)$", phrase)
    if not match or not available():
        return phrase
    word = match.group(1)
    readings = [a for a in analyse(word) if a.word_class not in ("teonsana",)]
    if not readings:
        return phrase
    lemma = readings[0].lemma
    if word[:1].isupper():
        lemma = lemma[:1].upper() + lemma[1:]
    return phrase[: match.start(1)] + lemma + match.group(2)


def nominative(word: str) -> str | None:
    """The nominative of a genitive noun in the same number (``Kylien`` → ``Kylät``,
    ``Kasvun`` → ``Kasvu``), or None when Voikko is missing or the form cannot be confirmed.

    Voikko analyses but does not generate, so a plural is generated as base form + ``t`` and
    kept only if Voikko reads it back as the nominative plural of the same word (``kuntat``
    is rejected: Voikko reads it as another word; such nouns stay None).
    """
    if not available():
        return None
    readings = [a for a in analyse(word) if a.case == "genitive"]
    if not readings:
        return None
    reading = readings[0]
    if reading.number == "plural":
        candidate = reading.lemma + "t"
        if not any(a.lemma == reading.lemma and a.case == "nominative" and a.number == "plural" for a in analyse(candidate)):
            return None
    else:
        candidate = reading.lemma
    return candidate[:1].upper() + candidate[1:] if word[:1].isupper() else candidate


def place_lemmas(name: str) -> list[str]:
    """Base forms of an inflected (possibly hyphenated) place name, most likely first.

    Voikko lemmatises only the last part of ``Saarijärven-Viitasaaren`` (→ ``Saarijärven-
    Viitasaari``), so each hyphen-separated part is lemmatised on its own as well
    (→ ``Saarijärvi-Viitasaari``). A name part that Voikko does not know is kept as written.
    """
    if not available():
        return []
    words = name.split()
    if not words:
        return []
    last = words[-1]
    head = " ".join(words[:-1])
    results: list[str] = []
    for lemma in lemmas(last):
        results.append(lemma)
    parts = last.split("-")
    if len(parts) > 1 and all(parts):
        options = []
        for part in parts:
            readings = [a.lemma for a in analyse(part) if a.is_place_name] or [a.lemma for a in analyse(part)] or [part]
            options.append(readings[0])
        results.insert(0, "-".join(options))
    out = []
    for lemma in results:
        if lemma and lemma[0].islower() and last[0].isupper():
            lemma = lemma[0].upper() + lemma[1:]
        out.append(f"{head} {lemma}".strip())
    return list(dict.fromkeys(out))
