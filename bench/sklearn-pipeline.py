#!/usr/bin/env python3
"""scikit-learn's standard pipeline on messy CSVs: Petal's peer for real-world files (bench/sklearn-pipeline.ts).

Reads one JSON job on stdin:
  {"files": [{"name": "penguins", "csv": "<the CSV text>",
              "roles": {"label": "species", "numbers": [...], "categories": [...], "dates": [...],
                        "ignore": [...]}}],
   "repeats": 3, "folds": 5, "seed": 42}
and prints one JSON object: the versions, whether OneHotEncoder's max_categories was used, and per file the
rows kept, the rows dropped for a blank label, the accuracy (mean, sample sd and every fold's figure over
RepeatedStratifiedKFold) and the time of `fit` per fold (median, min, max).

The pipeline, fitted inside each fold (imputation medians, scaling and the one-hot vocabulary come from the
fold's training rows only):
  numbers    -> SimpleImputer(median, add_indicator=True) + StandardScaler
  categories -> SimpleImputer(constant '') + OneHotEncoder(handle_unknown='ignore', max_categories=50)
  dates      -> year, month, day of year, day of week (0 = Monday) [+ hour of day] -> median + scale
  ignore     -> dropped
  then LogisticRegression(max_iter=1000).

Without pandas (Debian's python3-sklearn does not pull it in), the CSV is read with the csv module.

Exit codes: 0 done; 2 a bad job or CSV (message on stderr); 3 numpy or scikit-learn is missing, so the
caller can say "not installed" rather than "failed" (as bench/sklearn-peer.py).
"""

import csv
import inspect
import io
import json
import platform
import re
import statistics
import sys
import time
import warnings
from datetime import datetime, timedelta

try:
    import numpy as np
    import sklearn
    from sklearn.compose import ColumnTransformer
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import RepeatedStratifiedKFold
    from sklearn.pipeline import Pipeline, make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
except ImportError as error:
    print(f"{sys.executable}: {error}", file=sys.stderr)
    sys.exit(3)

# Petal keeps the 50 most frequent training values of a category column, the rest (and unseen ones) going
# to an "other" column. OneHotEncoder's nearest setting is max_categories (scikit-learn >= 1.1), which
# counts its infrequent column among the 50: 49 frequent values + 1 infrequent. With
# handle_unknown='ignore' a value unseen in training encodes as all zeros rather than as "infrequent".
MAX_CATEGORIES = 50
HAS_MAX_CATEGORIES = "max_categories" in inspect.signature(OneHotEncoder).parameters

# A time of day after the date: "2015-03-01T12:30", "2015-03-01 12:30:15".
TIME_OF_DAY = re.compile(r"\d[T ]\d{1,2}:\d{2}")


def blank(cell):
    # Only an empty (or all-space) cell is missing. "NA", "None", "null", "N/A" are values: a category
    # called "None" must stay a category (pandas' default na_values would turn it into NaN; the csv
    # module never does). In a number or date column such a text is unparseable and counted as such.
    return cell.strip() == ""


def parse_number(cell):
    try:
        value = float(cell)
    except ValueError:
        return None
    return value if np.isfinite(value) else None


# 2012-01-31, 2012/1/31, optionally a time of day (T or space, H:MM[:SS[.fff]]) and a zone, which is
# ignored: the parts are the wall-clock ones written in the cell.
DATE = re.compile(
    r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2})?"
)


def parse_date(cell):
    match = DATE.fullmatch(cell.strip())
    if not match:
        return None
    year, month, day, hour, minute, second = match.groups()
    try:
        return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0)) + timedelta(
            seconds=float(second or 0)
        )
    except ValueError:  # 2013-02-30, 25:00
        return None


def date_parts(values, with_time):
    """Rows of [year, month, day of year, day of week (0 = Monday)(, hours)], NaN where missing."""
    rows = []
    for value in values:
        if value is None:
            rows.append([np.nan] * (5 if with_time else 4))
            continue
        row = [value.year, value.month, value.timetuple().tm_yday, value.weekday()]
        if with_time:
            row.append(value.hour + value.minute / 60 + value.second / 3600)
        rows.append(row)
    return rows


def read_file(entry):
    """The feature matrix (object dtype: floats with NaN, category strings with NaN), the labels and a report."""
    name, roles = entry["name"], entry["roles"]
    records = [row for row in csv.reader(io.StringIO(entry["csv"])) if any(not blank(c) for c in row)]
    if len(records) < 2:
        raise ValueError(f"{name}: needs a header and at least one row")
    header, body = records[0], records[1:]
    for role in ("numbers", "categories", "dates", "ignore"):
        roles.setdefault(role, [])
    named = [roles["label"], *roles["numbers"], *roles["categories"], *roles["dates"], *roles["ignore"]]
    for column in named:
        if column not in header:
            raise ValueError(f"{name}: no column named {column!r} (columns: {header})")
    unassigned = [c for c in header if c not in named]
    if unassigned:
        raise ValueError(f"{name}: columns without a role: {unassigned}")

    def cell(row, column):
        index = header.index(column)
        return row[index] if index < len(row) else ""

    kept = [row for row in body if not blank(cell(row, roles["label"]))]
    y = np.array([cell(row, roles["label"]) for row in kept], dtype=object)
    report = {"dropped_blank_label": len(body) - len(kept), "blank": {}, "unparsed": {}, "date_parts": {}}

    columns, kinds = [], []  # one entry per matrix column; kind: number | category
    for column in roles["numbers"]:
        cells = [cell(row, column) for row in kept]
        values = [None if blank(c) else parse_number(c) for c in cells]
        report["blank"][column] = sum(blank(c) for c in cells)
        report["unparsed"][column] = sum(v is None and not blank(c) for c, v in zip(cells, values))
        columns.append([np.nan if v is None else v for v in values])
        kinds.append("number")
    for column in roles["categories"]:
        cells = [cell(row, column) for row in kept]
        report["blank"][column] = sum(blank(c) for c in cells)
        # NaN here, so that the pipeline's own imputer turns it into '' (its own value) inside each fold.
        columns.append([np.nan if blank(c) else c for c in cells])
        kinds.append("category")
    for column in roles["dates"]:
        cells = [cell(row, column) for row in kept]
        values = [None if blank(c) else parse_date(c) for c in cells]
        report["blank"][column] = sum(blank(c) for c in cells)
        report["unparsed"][column] = sum(v is None and not blank(c) for c, v in zip(cells, values))
        # Whether to add the time of day is decided once for the column over the whole file, as a schema
        # is: it looks at no label and fits nothing, so it leaks nothing into the folds.
        with_time = any(v is not None and TIME_OF_DAY.search(c) for c, v in zip(cells, values))
        parts = ["year", "month", "day_of_year", "day_of_week"] + (["hour"] if with_time else [])
        report["date_parts"][column] = parts
        for part in zip(*date_parts(values, with_time)):
            columns.append(list(part))
            kinds.append("date")
    if not columns:
        raise ValueError(f"{name}: no feature columns")
    x = np.empty((len(kept), len(columns)), dtype=object)
    for index, values in enumerate(columns):
        x[:, index] = values
    return x, y, kinds, report


def make_model(kinds):
    numbers = [i for i, kind in enumerate(kinds) if kind == "number"]
    categories = [i for i, kind in enumerate(kinds) if kind == "category"]
    dates = [i for i, kind in enumerate(kinds) if kind == "date"]
    one_hot = {"handle_unknown": "ignore"}
    if HAS_MAX_CATEGORIES:
        one_hot["max_categories"] = MAX_CATEGORIES
    steps = []
    if numbers:
        # The matrix is of object dtype (it carries the category strings too): the imputer converts the
        # number columns to float64 itself.
        number_steps = make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler())
        steps.append(("numbers", number_steps, numbers))
    if categories:
        category_steps = make_pipeline(
            SimpleImputer(strategy="constant", fill_value=""), OneHotEncoder(**one_hot)
        )
        steps.append(("categories", category_steps, categories))
    if dates:
        steps.append(("dates", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), dates))
    return Pipeline([("prepare", ColumnTransformer(steps)), ("logistic", LogisticRegression(max_iter=1000))])


def evaluate(entry, folds, repeats, seed):
    x, y, kinds, report = read_file(entry)
    accuracies, fit_ms, not_converged = [], [], 0
    splitter = RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=seed)
    for train, test in splitter.split(x, y):
        model = make_model(kinds)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            started = time.perf_counter()
            model.fit(x[train], y[train])
            fit_ms.append((time.perf_counter() - started) * 1000)
        not_converged += any(issubclass(w.category, ConvergenceWarning) for w in caught)
        accuracies.append(float(np.mean(model.predict(x[test]) == y[test])))
    classes, counts = np.unique(y, return_counts=True)
    return {
        "name": entry["name"],
        "rows": int(len(y)),
        **report,
        "classes": {str(c): int(n) for c, n in zip(classes, counts)},
        "features_in": {kind: kinds.count(kind) for kind in ("number", "category", "date")},
        "accuracy": {
            "mean": float(np.mean(accuracies)),
            "sd": float(np.std(accuracies, ddof=1)) if len(accuracies) > 1 else 0.0,  # as Petal's summarise
            "folds": accuracies,
        },
        "fit_ms": {"median": statistics.median(fit_ms), "min": min(fit_ms), "max": max(fit_ms)},
        "not_converged_folds": not_converged,
    }


def main():
    job = json.load(sys.stdin)
    folds, repeats, seed = job.get("folds", 5), job.get("repeats", 3), job.get("seed", 42)
    files = job.get("files")
    if not isinstance(files, list) or not files:
        raise ValueError('the job needs "files": [{"name", "csv", "roles"}, ...]')
    result = {
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "executable": sys.executable,
        "max_categories": MAX_CATEGORIES if HAS_MAX_CATEGORIES else None,
        "folds": folds,
        "repeats": repeats,
        "seed": seed,
        "files": [evaluate(entry, folds, repeats, seed) for entry in files],
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    try:
        main()
    except (ValueError, KeyError, TypeError, json.JSONDecodeError) as error:
        print(f"sklearn-pipeline: {error}", file=sys.stderr)
        sys.exit(2)
