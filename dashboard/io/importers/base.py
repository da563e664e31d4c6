"""What every importer returns, and the last step they share: validation as canonical records.

An importer turns a source into canonical rows (text cells, the columns of
``data/README.md``) plus rows it could not take, each with a reason. ``finish`` then runs
the canonical loader over the rows, so imported data obeys exactly the rules of the
shipped data; rows that fail there are rejected too. Counts always add up:
``read == accepted + rejected``, and ``recovered`` (rows repaired from a damaged layout)
is a part of ``accepted``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from dashboard.core.names import AreaResolver
from dashboard.core.records import LoadResult, load_projects, load_services
from dashboard.core.vocab import PROJECT_COLUMNS, SERVICE_COLUMNS
from dashboard.core.readers import DataFormatError


def detect_kind(columns: list[str]) -> str:
    """``projects`` or ``services`` from a canonical file's columns."""
    names = {str(c).strip().casefold() for c in columns}
    if "category" in names and ("lat" in names or "municipality" in names):
        return "services"
    if {"id", "name"} <= names and ({"fund", "funder", "municipalities", "budget_total_eur", "public_funding_eur"} & names):
        return "projects"
    raise DataFormatError(
        "cannot tell whether this is a projects or a services file: projects need id, name and e.g. fund/municipalities; "
        "services need id, name, category and lat/lon or municipality (see data/README.md)"
    )


def slug(text: str, length: int = 48) -> str:
    """An ASCII id from a name (``Älykkäät kylät lentoon`` → ``alykkaat-kylat-lentoon``)."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:length].rstrip("-")


@dataclass
class Draft:
    """Rows an importer produced before canonical validation."""

    kind: str  # "projects" or "services"
    rows: list[dict[str, str]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)  # source row of each draft row
    recovered: set[int] = field(default_factory=set)  # source rows repaired from a damaged layout
    rejected: list[dict[str, object]] = field(default_factory=list)  # {"row", "reason", "raw"}
    notes: list[str] = field(default_factory=list)
    provenance: list[dict[str, str]] = field(default_factory=list)  # per row: field → text it came from

    def add(self, row_number: int, record: dict[str, object], recovered: bool = False, provenance: dict[str, str] | None = None) -> None:
        columns = PROJECT_COLUMNS if self.kind == "projects" else SERVICE_COLUMNS
        self.rows.append({c: "" if record.get(c) is None else str(record.get(c)) for c in columns})
        self.row_numbers.append(row_number)
        if recovered:
            self.recovered.add(row_number)
        self.provenance.append(provenance or {})

    def reject(self, row_number: int, reason: str, raw: object = "") -> None:
        self.rejected.append({"row": row_number, "reason": reason, "raw": str(raw)[:500]})


@dataclass
class ImportResult:
    kind: str
    format: str
    accepted: pd.DataFrame  # typed canonical records (as from the loaders)
    rejected: pd.DataFrame  # row, reason, raw
    read: int
    recovered: int
    notes: list[str]
    provenance: list[dict[str, str]]
    load: LoadResult

    def counts(self) -> dict[str, int]:
        return {"read": self.read, "accepted": len(self.accepted), "recovered": self.recovered, "rejected": len(self.rejected)}

    def canonical_csv(self) -> str:
        """The accepted records as canonical CSV text (dates ISO, lists ``;``)."""
        columns = PROJECT_COLUMNS if self.kind == "projects" else SERVICE_COLUMNS
        frame = self.accepted.copy()
        for column in ("start_date", "end_date"):
            if column in frame:
                frame[column] = frame[column].dt.strftime("%Y-%m-%d").fillna("")
        if "leader" in frame:
            frame["leader"] = frame["leader"].map({True: "true", False: "false"}).fillna("")
        for column in ("budget_total_eur", "public_funding_eur", "eu_state_granted_eur", "eu_state_paid_eur", "public_paid_eur", "lat", "lon"):
            if column in frame:
                frame[column] = frame[column].map(lambda v: "" if pd.isna(v) else (f"{v:.2f}".rstrip("0").rstrip(".")))
        return frame[list(columns)].to_csv(index=False)


def finish(draft: Draft, format_name: str, resolver: AreaResolver, read: int) -> ImportResult:
    """Validate the draft rows as canonical records; merge both kinds of rejection."""
    loader = load_projects if draft.kind == "projects" else load_services
    columns = PROJECT_COLUMNS if draft.kind == "projects" else SERVICE_COLUMNS
    frame = pd.DataFrame(draft.rows, columns=list(columns)) if draft.rows else pd.DataFrame(columns=list(columns))
    load = loader(frame, resolver)
    # Map the loader's rows (2 = first draft row) back to source rows.
    failed = []
    for _, row in load.rejected.iterrows():
        source = draft.row_numbers[int(row["row"]) - 2]
        failed.append({"row": source, "reason": row["reason"], "raw": row.get("name", "")})
    rejected = pd.DataFrame(draft.rejected + failed, columns=["row", "reason", "raw"]).sort_values("row", kind="stable").reset_index(drop=True)
    accepted_rows = [n for i, n in enumerate(draft.row_numbers) if (i + 2) not in set(load.rejected["row"].astype(int))]
    recovered = len(draft.recovered & set(accepted_rows))
    provenance = [p for i, p in enumerate(draft.provenance) if (i + 2) not in set(load.rejected["row"].astype(int))]
    result = ImportResult(draft.kind, format_name, load.accepted, rejected, read, recovered, draft.notes + load.notes, provenance, load)
    if result.read != len(result.accepted) + len(result.rejected):
        raise AssertionError(f"import counts do not add up: {result.counts()}")
    return result
