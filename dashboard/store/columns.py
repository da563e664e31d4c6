"""Record columns in the store follow the frames the code produces, not a fixed list.

The loaders (``core.records``) and placement (``geo.placement``) decide which columns a
project, a service or an allocation row has; other parts of the code add columns over
time. The store therefore keeps, per record table, the pandas dtype of each column it has
seen (table ``record_columns``) and adds a column the first time a frame brings it. Reading
casts every column back to that dtype, so a frame read from the store equals the frame
that was written (dates stay ``datetime64``, unknown amounts stay ``NaN``/``<NA>``).
"""

from __future__ import annotations

import pandas as pd
from pandas.api import types as ptypes

LOGICAL_TYPES = ("text", "double", "bigint", "boolean", "timestamp", "geometry")


def logical_type(series: pd.Series) -> str:
    """The store's type for a pandas column."""
    dtype = series.dtype
    if getattr(dtype, "name", "") == "geometry":
        return "geometry"
    if ptypes.is_bool_dtype(dtype):
        return "boolean"
    if ptypes.is_datetime64_any_dtype(dtype):
        return "timestamp"
    if ptypes.is_integer_dtype(dtype):
        return "bigint"
    if ptypes.is_float_dtype(dtype):
        return "double"
    return "text"


def dtype_name(series: pd.Series) -> str:
    return str(series.dtype)


def restore(frame: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    """Cast columns read from the store back to the dtypes they were written with."""
    for column, name in dtypes.items():
        if column not in frame.columns or name == "geometry":
            continue
        series = frame[column]
        if name.startswith("datetime64"):
            frame[column] = pd.to_datetime(series).astype(name) if len(series) else series.astype(name)
        elif name in ("str", "string", "object"):
            frame[column] = series.where(series.notna(), "").astype(str if name == "str" else object)
        else:
            try:
                frame[column] = series.astype(name)
            except (TypeError, ValueError):
                pass
    return frame
