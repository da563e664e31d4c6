"""The page-text importer on 24 real project pages it was not written against.

``../shared/sample-imports/pages/truth.json`` holds, per page, what a careful person reads
from the text alone. Per field we count recall (of the filled truth values, how many the
importer got right) and precision (of the values it filled, how many are right); a wrong
value is worse than an empty one, so precision has the higher bar.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.core.authorities import clean_funder
from dashboard.io.importers import import_bytes

FIELDS = ("name", "implementer", "funder", "fund", "start_date", "end_date", "budget_total_eur", "public_funding_eur", "municipalities", "regions", "leader")
LIST_FIELDS = ("municipalities", "regions")
RECALL, PRECISION = 0.90, 0.95


def _pages(shared_dir: Path) -> Path:
    path = shared_dir / "sample-imports" / "pages"
    if not (path / "truth.json").is_file():
        pytest.skip(f"no sample pages at {path}")
    return path


def _text(value: str) -> str:
    """Compare names the way a reader does: case, dashes, spacing and a trailing '-hanke' aside."""
    text = re.sub(r"[‐‑‒–—−]", "-", str(value)).casefold()
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    return re.sub(r"(?:\s*-|\s+)hanke$", "", text)


def _organisations(value: str) -> frozenset[str]:
    """An organisation list; the legal form (ry, Oy, sr) and space/hyphen variants are the same body."""
    items = set()
    for part in str(value).split(";"):
        part = clean_funder(part).casefold().replace("-", " ")
        part = re.sub(r"\b(ry|r\.y\.|oy|oyj|sr|rf|ab)\b\.?", "", part)
        part = re.sub(r"\s+", " ", part).strip(" .,")
        if part:
            items.add(part)
    return frozenset(items)


def _truth_value(field: str, value, resolver):
    """The truth in the importer's terms (codes for places, floats for money); None = not stated."""
    if value in (None, "", []) or (field == "fund" and value == "unknown"):
        return None
    if field in LIST_FIELDS:
        resolve = resolver.resolve_municipality if field == "municipalities" else resolver.resolve_region
        codes = []
        for name in value:
            result = resolve(name)
            assert result.ok and result.method in ("name", "alias"), (field, name)
            codes.append(result.code)
        return frozenset(codes)
    if field in ("budget_total_eur", "public_funding_eur"):
        return round(float(value), 2)
    if field in ("start_date", "end_date"):
        return str(value)
    if field == "leader":
        return bool(value)
    if field in ("implementer", "funder"):
        return _organisations(value)
    if field == "name":
        return _text(value)
    return value


def _found_value(field: str, row: pd.Series):
    value = row[field]
    if value is None or (not isinstance(value, (list, frozenset)) and pd.isna(value)) or value == "":
        return None
    if field in LIST_FIELDS:
        return frozenset(str(value).split(";"))
    if field in ("budget_total_eur", "public_funding_eur"):
        return round(float(value), 2)
    if field in ("start_date", "end_date"):
        return pd.Timestamp(value).date().isoformat()
    if field == "leader":
        return bool(value)
    if field == "fund":
        return None if value == "unknown" else value
    if field in ("implementer", "funder"):
        return _organisations(value) or None
    if field == "name":
        return _text(value)
    return value


def _results(shared_dir, resolver):
    pages = _pages(shared_dir)
    truth = json.loads((pages / "truth.json").read_text(encoding="utf-8"))
    out = {}
    for filename, expected in sorted(truth.items()):
        result = import_bytes("page-text", (pages / filename).read_bytes(), resolver)
        if result.counts()["accepted"] != 1:  # a rejected page counts as all fields empty
            out[filename] = (expected, pd.Series({f: None for f in FIELDS}), {})
            continue
        row = result.accepted.iloc[0]
        out[filename] = (expected, row, result.provenance[0])
    return out


def score(results, resolver) -> pd.DataFrame:
    """Per field: truth values, found values, correct ones, recall and precision.

    Lists (municipalities, regions) count per place: a page naming four municipalities of which
    three are found gives 3/4 recall.
    """
    rows = []
    for field in FIELDS:
        filled = found = correct = 0
        for expected, row, _ in results.values():
            truth = _truth_value(field, expected[field], resolver)
            got = _found_value(field, row)
            if field in LIST_FIELDS:
                truth, got = truth or frozenset(), got or frozenset()
                filled += len(truth)
                found += len(got)
                correct += len(truth & got)
                continue
            filled += truth is not None
            found += got is not None
            correct += truth is not None and got == truth
        rows.append({"field": field, "filled": filled, "found": found, "correct": correct})
    table = pd.DataFrame(rows)
    total = table[["filled", "found", "correct"]].sum()
    table = pd.concat([table, pd.DataFrame([{"field": "overall", **total.to_dict()}])], ignore_index=True)
    table["recall"] = (table["correct"] / table["filled"]).round(3)
    table["precision"] = (table["correct"] / table["found"].where(table["found"] > 0)).fillna(1.0).round(3)
    return table


def mistakes(results, resolver) -> list[str]:
    """Readable list of every miss and every wrong value (printed when a threshold fails)."""
    lines = []
    for filename, (expected, row, _) in results.items():
        for field in FIELDS:
            truth = _truth_value(field, expected[field], resolver)
            got = _found_value(field, row)
            if field in LIST_FIELDS:
                truth, got = truth or frozenset(), got or frozenset()
                if truth != got:
                    lines.append(f"{filename[:2]} {field}: missing {sorted(truth - got)} wrong {sorted(got - truth)}")
            elif truth != got:
                lines.append(f"{filename[:2]} {field}: truth {truth!r} got {got!r}")
    return lines


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(scope="module")
def page_resolver(resolver):
    """The 2023 resolver plus sub-regions from ``tests/fixtures/subregions_2023.csv`` (a few
    rows of Statistics Finland's kunta–seutukunta 2023 classification key)."""
    from dashboard.core.names import AreaResolver
    from dashboard.geo.subregions import from_table

    subregions, members = from_table(pd.read_csv(FIXTURES / "subregions_2023.csv", dtype=str))
    mapping = pd.DataFrame({"code": list(resolver.municipality_region), "region_code": list(resolver.municipality_region.values())})
    return AreaResolver(resolver.municipalities, resolver.regions, mapping, resolver.former, subregions=subregions, municipality_subregion=members)


@pytest.fixture(scope="module")
def page_results(shared_dir, page_resolver):
    return _results(shared_dir, page_resolver)


def test_per_field_recall_and_precision_on_the_24_pages(page_results, page_resolver):
    resolver = page_resolver
    table = score(page_results, resolver)
    print("\n" + table.to_string(index=False))
    problems = mistakes(page_results, resolver)
    print("\n".join(problems))
    assert len(page_results) == 24
    assert all(row["name"] is not None for _, row, _ in page_results.values()), "every page is accepted"
    low = table.loc[(table["recall"] < RECALL) | (table["precision"] < PRECISION)]
    assert low.empty, f"below target:\n{low.to_string(index=False)}\n" + "\n".join(problems)
