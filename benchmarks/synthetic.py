"""Realistic synthetic data at national scale (seeded, so every run measures the same data).

* Projects: ``n`` projects over the three programming periods, real 2023 municipality
  codes (weighted by population when it is known), skewed money (log-normal: many small
  projects, a few huge ones; 10 % amount unknown, 15 % public funding only), 1–30
  municipalities each (mostly one; more are drawn from the same region first), 5 %
  region-wide, 2 % area unknown; funds, themes, Leader groups as in the real data.
* Services: ``m`` points uniformly inside Finland's municipality polygons, categories
  weighted like the shipped services.

Every record is marked synthetic (ids ``SYN…``, names "Synteettinen …") and is never
shipped: ``python -m benchmarks.synthetic OUT_DIR`` writes the three canonical files.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from dashboard.geo import layers
from dashboard.core.records import default_data_dir
from dashboard.core.vocab import PROJECT_COLUMNS, SERVICE_COLUMNS, THEMES

SEED = 20261122
PERIODS = {"2007-2013": (2007, 2013), "2014-2020": (2014, 2022), "2021-2027": (2023, 2027)}
FUNDS = {
    "2007-2013": (["EAFRD", "ERDF", "ESF", "national", "Interreg"], [0.45, 0.27, 0.16, 0.09, 0.03]),
    "2014-2020": (["EAFRD", "ERDF", "ESF", "national", "Interreg"], [0.45, 0.27, 0.16, 0.09, 0.03]),
    "2021-2027": (["EAFRD", "ERDF", "ESF+", "JTF", "national", "Interreg"], [0.44, 0.25, 0.14, 0.05, 0.09, 0.03]),
}
CATEGORIES = (
    ["national_park", "hiking_area", "nature_reserve", "trail", "geopark", "green_care", "guided_tour", "nature_wellbeing", "activity", "accommodation", "farm_experience", "other"],
    [0.02, 0.02, 0.06, 0.12, 0.01, 0.06, 0.08, 0.05, 0.16, 0.22, 0.08, 0.12],
)


def generate_projects(n: int, seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    municipalities = layers.load_municipalities()
    mapping = layers.municipality_regions(municipalities, layers.load_regions())
    population = layers.load_population()
    codes = mapping["code"].to_numpy()
    weights = np.ones(len(codes))
    if population is not None:
        weights = population.set_index("municipality")["population"].reindex(codes).fillna(1000).to_numpy() ** 0.5
    weights = weights / weights.sum()
    by_region = mapping.groupby("region_code")["code"].apply(np.array).to_dict()
    region_of = dict(zip(mapping["code"], mapping["region_code"]))
    groups = pd.read_csv(default_data_dir() / "leader_groups.csv", dtype=str)
    group_of = groups.drop_duplicates("municipality").set_index("municipality")["leader_group"].to_dict()

    period = rng.choice(list(PERIODS), size=n, p=[0.25, 0.45, 0.30])
    sizes = np.minimum(30, np.maximum(1, np.round(rng.pareto(1.6, size=n) + 1).astype(int)))
    budget = np.round(np.exp(rng.normal(np.log(60_000), 1.5, size=n)), 2)
    area_kind = rng.choice(["municipality", "region", "unknown"], size=n, p=[0.93, 0.05, 0.02])
    money_kind = rng.choice(["budget", "public", "unknown"], size=n, p=[0.75, 0.15, 0.10])
    first = rng.choice(codes, size=n, p=weights)
    rows = []
    for i in range(n):
        p = period[i]
        fund_names, fund_weights = FUNDS[p]
        fund = rng.choice(fund_names, p=fund_weights)
        first_year, last_year = PERIODS[p]
        start = pd.Timestamp(int(rng.integers(first_year, last_year + 1)), int(rng.integers(1, 13)), 1)
        end = start + pd.DateOffset(months=int(rng.integers(6, 49))) - pd.Timedelta(days=1)
        municipalities_cell, regions_cell = "", ""
        if area_kind[i] == "municipality":
            pool = by_region[region_of[first[i]]]
            chosen = [first[i]]
            extra = sizes[i] - 1
            if extra:
                neighbours = rng.permutation(pool[pool != first[i]])[:extra].tolist()
                others = rng.choice(codes, size=max(0, extra - len(neighbours)), replace=False).tolist()
                chosen = list(dict.fromkeys(chosen + neighbours + others))[: sizes[i]]
            municipalities_cell = ";".join(chosen)
        elif area_kind[i] == "region":
            regions_cell = region_of[first[i]]
        leader = fund == "EAFRD" and rng.random() < 0.5
        themes = rng.choice(THEMES, size=int(rng.integers(1, 4)), replace=False)
        money = budget[i] * (1.0 if fund != "EAFRD" else 0.8)
        rows.append(
            {
                "id": f"SYN{i:06d}",
                "name": f"Synteettinen hanke {i:06d}",
                "implementer": f"Synteettinen toteuttaja {i % 5000:04d}",
                "funder": f"Synteettinen rahoittaja {int(rng.integers(0, 60)):02d}",
                "fund": fund,
                "programme": "",
                "period": p,
                "period_canonical": p,
                "start_date": start.date().isoformat(),
                "end_date": end.date().isoformat(),
                "budget_total_eur": f"{money:.2f}" if money_kind[i] == "budget" else "",
                "public_funding_eur": f"{money * 0.7:.2f}" if money_kind[i] in ("budget", "public") else "",
                "municipalities": municipalities_cell,
                "regions": regions_cell,
                "themes": ";".join(themes),
                "leader": "true" if leader else "false",
                "leader_group": group_of.get(first[i], "") if leader else "",
                "status": "ended" if end < pd.Timestamp("2026-11-22") else "ongoing",
                "website": "",
                "source_url": f"https://example.org/synthetic/{i}",
                "summary": "Synteettinen tietue suorituskykytestiin.",
            }
        )
    return pd.DataFrame(rows, columns=list(PROJECT_COLUMNS))


def generate_services(m: int, seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed + 1)
    municipalities = layers.load_municipalities()
    land = shapely.union_all(municipalities.geometry.to_numpy())
    shapely.prepare(land)
    west, south, east, north = land.bounds
    xs, ys = [], []
    while len(xs) < m:
        x = rng.uniform(west, east, size=m)
        y = rng.uniform(south, north, size=m)
        inside = shapely.contains_xy(land, x, y)
        xs.extend(x[inside].tolist())
        ys.extend(y[inside].tolist())
    xs, ys = np.array(xs[:m]), np.array(ys[:m])
    category = rng.choice(CATEGORIES[0], size=m, p=CATEGORIES[1])
    return pd.DataFrame(
        {
            "id": [f"SYNS{i:06d}" for i in range(m)],
            "name": [f"Synteettinen palvelu {i:06d}" for i in range(m)],
            "category": category,
            "provider": [f"Synteettinen yritys {i % 3000:04d}" for i in range(m)],
            "municipality": "",
            "lat": np.round(ys, 5),
            "lon": np.round(xs, 5),
            "location_precision": "exact",
            "website": "",
            "source_url": [f"https://example.org/synthetic-service/{i}" for i in range(m)],
            "summary": "Synteettinen palvelu suorituskykytestiin.",
        },
        columns=list(SERVICE_COLUMNS),
    )


def write_dataset(directory: Path, projects: int, services: int, seed: int = SEED) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    generate_projects(projects, seed).to_csv(directory / "projects.csv", index=False)
    generate_services(services, seed).to_csv(directory / "services.csv", index=False)
    shutil.copyfile(default_data_dir() / "leader_groups.csv", directory / "leader_groups.csv")
    return directory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    write_dataset(args.out, args.projects, args.services, args.seed)
    print(f"wrote {args.projects} projects and {args.services} services to {args.out}")


if __name__ == "__main__":
    main()
