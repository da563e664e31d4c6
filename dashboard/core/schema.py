"""What a valid record is: one pandera schema per record type.

The schemas run on *typed* frames (after ``records`` has parsed dates, amounts and
lists), lazily, so that every failing row gets every reason at once. Each check carries
an ``error`` text written for the person who has to fix the row.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from dashboard.core.vocab import AMOUNT_PRECISIONS, CANONICAL_PERIODS, FINLAND_BBOX, FUNDS, LOCATION_PRECISIONS, PROJECT_STATUSES, SERVICE_CATEGORIES, language_columns

_URL = r"^(https?://\S+)?$"


def _not_blank(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str).str.strip() != ""


def _unique(series: pd.Series) -> pd.Series:
    """First occurrence passes; later duplicates fail (the first row is kept)."""
    return ~series.duplicated(keep="first")


def _end_not_before_start(frame: pd.DataFrame) -> pd.Series:
    return ~(frame["end_date"].notna() & frame["start_date"].notna() & (frame["end_date"] < frame["start_date"]))


def _url_column(name: str) -> pa.Column:
    return pa.Column(
        str,
        pa.Check.str_matches(_URL, error=f"{name} must be a web address starting with http:// or https://"),
        nullable=True,
    )


def _text_columns(*fields: str) -> dict[str, pa.Column]:
    """The per-language text columns (``summary_fi`` …): free text, may be empty (falls back)."""
    return {column: pa.Column(str, nullable=True, required=False) for field in fields for column in language_columns(field)}


def _id_column() -> pa.Column:
    """Ids must be present and unique; the first of duplicates is kept, the rest rejected."""
    return pa.Column(
        str,
        [
            pa.Check(_not_blank, error="id is empty"),
            pa.Check(_unique, error="duplicate id (an earlier row has the same id)"),
        ],
    )


PROJECT_SCHEMA = pa.DataFrameSchema(
    {
        "id": _id_column(),
        "name": pa.Column(str, pa.Check(_not_blank, error="name is empty")),
        "fund": pa.Column(str, pa.Check.isin(FUNDS, error=f"fund must be one of {', '.join(FUNDS)}")),
        "period_canonical": pa.Column(
            str, pa.Check.isin(CANONICAL_PERIODS, error=f"period_canonical must be one of {', '.join(CANONICAL_PERIODS)}")
        ),
        "status": pa.Column(str, pa.Check.isin(PROJECT_STATUSES, error=f"status must be one of {', '.join(PROJECT_STATUSES)}")),
        "budget_total_eur": pa.Column(float, pa.Check.ge(0, error="budget_total_eur is negative"), nullable=True),
        "public_funding_eur": pa.Column(float, pa.Check.ge(0, error="public_funding_eur is negative"), nullable=True),
        "eu_state_granted_eur": pa.Column(float, pa.Check.ge(0, error="eu_state_granted_eur is negative"), nullable=True),
        # Paid amounts may be negative in the exports (money recovered after payment): kept as stated.
        "eu_state_paid_eur": pa.Column(float, nullable=True),
        "public_paid_eur": pa.Column(float, nullable=True),
        "amount_precision": pa.Column(
            str, pa.Check.isin(("",) + AMOUNT_PRECISIONS, error=f"amount_precision must be empty or one of {', '.join(AMOUNT_PRECISIONS)}")
        ),
        "start_date": pa.Column("datetime64[ns]", nullable=True, coerce=True),
        "end_date": pa.Column("datetime64[ns]", nullable=True, coerce=True),
        "website": _url_column("website"),
        "source_url": _url_column("source_url"),
        **_text_columns("summary"),
    },
    checks=[pa.Check(_end_not_before_start, error="end_date is before start_date")],
    strict=False,
)

_LON_MIN, _LAT_MIN, _LON_MAX, _LAT_MAX = FINLAND_BBOX

SERVICE_SCHEMA = pa.DataFrameSchema(
    {
        "id": _id_column(),
        "name": pa.Column(str, pa.Check(_not_blank, error="name is empty")),
        "category": pa.Column(
            str, pa.Check.isin(SERVICE_CATEGORIES, error=f"category must be one of {', '.join(SERVICE_CATEGORIES)}")
        ),
        "location_precision": pa.Column(
            str, pa.Check.isin(LOCATION_PRECISIONS, error=f"location_precision must be one of {', '.join(LOCATION_PRECISIONS)}")
        ),
        "lat": pa.Column(
            float,
            pa.Check.in_range(_LAT_MIN, _LAT_MAX, error=f"latitude is outside Finland ({_LAT_MIN}–{_LAT_MAX})"),
            nullable=True,
        ),
        "lon": pa.Column(
            float,
            pa.Check.in_range(_LON_MIN, _LON_MAX, error=f"longitude is outside Finland ({_LON_MIN}–{_LON_MAX})"),
            nullable=True,
        ),
        "website": _url_column("website"),
        "source_url": _url_column("source_url"),
        **_text_columns("name", "summary"),
    },
    strict=False,
)

LEADER_GROUP_SCHEMA = pa.DataFrameSchema(
    {
        "leader_group": pa.Column(str, pa.Check(_not_blank, error="leader_group is empty")),
        "source_url": _url_column("source_url"),
    },
    checks=[
        pa.Check(
            lambda f: ~f.duplicated(subset=["leader_group", "municipality", "period"], keep="first"),
            error="the same group, municipality and period appear on an earlier row",
        )
    ],
    strict=False,
)


def schema_failures(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pd.Series:
    """Run ``schema`` lazily; return one reason string per failing row index (empty otherwise)."""
    reasons = pd.Series("", index=frame.index, dtype=object)
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        cases = cases[cases["index"].notna()]
        for index, group in cases.groupby("index", sort=False):
            messages = list(dict.fromkeys(str(m) for m in group["check"]))
            reasons.at[index] = "; ".join(messages)
    return reasons
