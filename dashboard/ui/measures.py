"""Words for the money measure: every sum says which money it adds up and how many projects it covers.

The measures themselves (which column, which are present, the per-row split) are
:data:`dashboard.query.engine.MEASURES`; this module only names them. The fallback mix is
always named as a mix, never as if it were one kind of money.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.query.engine import DEFAULT_MEASURE, MEASURES
from dashboard.ui import formatting
from dashboard.ui.i18n import message, t
from dashboard.ui.safe_text import plotly_text


def measure_name(measure: str, lang: str) -> str:
    """``public`` → "Julkinen rahoitus"; the mix → "Yhdistelmä (budjetti tai julkinen)"."""
    return t(f"measure_{measure}", lang)


def measure_sum_text(total: float, covered: int, measure: str, lang: str) -> str:
    """"Julkinen rahoitus: 4,6 mrd. € · 22 919 hanketta" (the sum, named, with its coverage)."""
    return message(
        "notice.measure_sum",
        lang,
        measure=measure_name(measure, lang),
        total=formatting.format_eur_compact(total, lang) if covered else "–",
        count=formatting.format_count(covered, lang),
    )


def measure_note(measure: str, lang: str) -> str:
    """The caption under a sum of the mix (empty for a single measure, which its name says)."""
    return t("measure_mix_note", lang) if measure == DEFAULT_MEASURE else ""


def name_measure(figure: go.Figure | None, measure: str, lang: str) -> go.Figure | None:
    """A money chart's title with the measure it sums: "Euroa kausittain — Julkinen rahoitus"."""
    if figure is None:
        return None
    if not any(_money_axis(axis) for axis in (figure.layout.xaxis, figure.layout.yaxis)):
        return figure  # a chart that fell back to project counts sums no money
    title = figure.layout.title.text or ""
    figure.update_layout(title_text=f"{title} — {plotly_text(measure_name(measure, lang))}" if title else plotly_text(measure_name(measure, lang)))
    return figure


def measure_money(projects: pd.DataFrame, measure: str) -> pd.Series | None:
    """Euros of ``measure`` per project id, for the rankings (``None``: their default, the mix)."""
    if measure == DEFAULT_MEASURE:
        return None
    column = MEASURES[measure]
    return projects.set_index("id")[column] if column in projects else pd.Series(dtype=float)


def _money_axis(axis) -> bool:
    """A euro axis: a " €" tick suffix, or tick texts in euros ("100 milj. €")."""
    return "€" in (axis.ticksuffix or "") or any("€" in str(text) for text in (axis.ticktext or ()))
