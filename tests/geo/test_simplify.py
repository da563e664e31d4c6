"""Display geometry keeps a coverage: smaller, no gaps, neighbours still touch."""

import shapely

from dashboard.geo import simplify
from dashboard.geo.layers import METRIC_CRS


def test_simplified_layer_is_smaller_and_neighbours_still_share_edges(municipalities):
    simplified = simplify.simplify_coverage(municipalities)
    before, after = simplify.geojson_size(municipalities), simplify.geojson_size(simplified)
    assert after < before * 0.6, (before, after)
    assert simplified.geometry.is_valid.all()
    metric = simplified.to_crs(METRIC_CRS)
    # No gaps or overlaps appear: total area stays within 1 % and pairs of neighbours overlap by (almost) nothing.
    original_area = municipalities.to_crs(METRIC_CRS).geometry.area.sum()
    assert abs(metric.geometry.area.sum() - original_area) / original_area < 0.01
    union_area = shapely.union_all(metric.geometry.to_numpy()).area
    assert abs(union_area - metric.geometry.area.sum()) / union_area < 0.001
    # Jyväskylä and Muurame still touch.
    jkl = metric.loc[metric["name_fi"] == "Jyväskylä"].geometry.item()
    muurame = metric.loc[metric["name_fi"] == "Muurame"].geometry.item()
    assert jkl.intersection(muurame).length > 1000
