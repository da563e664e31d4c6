"""A draft record read from page text, with the text each field came from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PageDraft:
    """Fields found so far; the first rule to set a field wins (rules run from surest to least sure).

    ``provenance`` keeps, per field, the text the value was read from, for a person to check;
    ``unsure`` the fields a rule saw but left empty on purpose, with the reason (shown with the
    evidence: a wrong value is worse than an empty one).
    """

    record: dict[str, str] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)

    def set(self, column: str, value: str, source: str) -> None:
        if value and not self.record.get(column):
            self.record[column] = value
            self.provenance[column] = " ".join(str(source).split())[:300]

    def leave_empty(self, column: str, reason: str) -> None:
        """Record why a field stays empty although the page seemed to say something about it."""
        if not self.record.get(column) and column not in self.provenance:
            self.provenance[column] = f"left empty: {' '.join(reason.split())[:280]}"

    def has(self, column: str) -> bool:
        return bool(self.record.get(column))
