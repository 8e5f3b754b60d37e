#!/usr/bin/env python3
"""scikit-learn as Petal's peer, measured in the same bench run (bench/sklearn-peer.ts runs this).

Reads one JSON request on stdin:
  {"csv": "public/data/iris.csv", "label": null, "folds": 5, "repeats": 3, "seed": 42,
   "models": ["mlp", "mlp-64-32", "knn", "knn-raw", "logistic", "forest"]}
("label": null means the last non-numeric column) and prints one JSON object: per model, the
cross-validated accuracy (mean and sd over RepeatedStratifiedKFold), the mean time of `fit` per fold
and the time to predict 1,000 rows, measured the way Petal's Compare view measures its own
(src/core/compare-classifiers.ts).

Exit codes: 0 done; 2 a bad request or CSV (message on stderr); 3 numpy or scikit-learn is missing,
so the caller can say "not installed" rather than "failed".
"""

import csv
import json
import platform
import sys
import time
import warnings

try:
    import numpy as np
    import sklearn
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import RepeatedStratifiedKFold
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
except ImportError as error:
    print(f"{sys.executable}: {error}", file=sys.stderr)
    sys.exit(3)

# Petal times predictProbabilities on each fold's test rows repeated up to this many rows.
PREDICTION_ROWS = 1000


def models(seed):
    """Pipelines that mirror Petal's defaults (src/core/classifiers/classifier-spec.ts).

    Petal standardises features inside its dense network, k-NN and logistic regression, so those get a
    StandardScaler first; its forest splits on raw values. "knn-raw" shows what scaling costs or gains.
    The networks keep sklearn's defaults (alpha=1e-4 is not Petal's l2=0.003: the penalties are scaled
    differently, so no value matches exactly) apart from Petal's shape, Adam step, batch and epochs.
    """

    def mlp(hidden):
        return MLPClassifier(
            hidden_layer_sizes=hidden,
            solver="adam",
            learning_rate_init=0.02,
            batch_size=32,
            max_iter=60,  # with adam, max_iter counts epochs, as Petal's `epochs` does
            random_state=seed,
        )

    return {
        "mlp": lambda: make_pipeline(StandardScaler(), mlp((8,))),
        "mlp-64-32": lambda: make_pipeline(StandardScaler(), mlp((64, 32))),
        "knn": lambda: make_pipeline(StandardScaler(), KNeighborsClassifier(5)),
        "knn-raw": lambda: KNeighborsClassifier(5),
        "logistic": lambda: make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=500)),
        "forest": lambda: RandomForestClassifier(n_estimators=100, random_state=seed),
    }


def read_csv(path, label):
    """Numeric feature columns as floats and the label column as strings, with the csv module."""
    with open(path, newline="", encoding="utf-8") as file:
        rows = [row for row in csv.reader(file) if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        raise ValueError(f"{path}: needs a header and at least one row")
    header, body = rows[0], rows[1:]

    def numeric(column):
        try:
            for row in body:
                float(row[column])
            return True
        except (ValueError, IndexError):
            return False

    is_numeric = [numeric(column) for column in range(len(header))]
    if label is None:
        # Petal's default label: the last column that is not a number.
        candidates = [column for column in range(len(header)) if not is_numeric[column]]
        if not candidates:
            raise ValueError(f"{path}: no non-numeric column to use as the label")
        label_column = candidates[-1]
    elif label in header:
        label_column = header.index(label)
    else:
        raise ValueError(f"{path}: no column named {label!r}")
    features = [c for c in range(len(header)) if c != label_column and is_numeric[c]]
    x = np.array([[float(row[c]) for c in features] for row in body], dtype=np.float64)
    y = np.array([row[label_column] for row in body])
    return x, y, [header[c] for c in features], header[label_column]


def summary(values):
    # Sample sd (n - 1), as Petal's summarise in src/core/evaluate.ts.
    values = np.asarray(values, dtype=np.float64)
    sd = float(values.std(ddof=1)) if len(values) > 1 else 0.0
    return {"mean": float(values.mean()), "sd": sd}


def cross_validate(make, x, y, folds, repeats, seed):
    accuracies, fit_ms, epochs = [], [], []
    predict_ms, predict_rows = 0.0, 0
    splitter = RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=seed)
    for train, test in splitter.split(x, y):
        model = make()
        started = time.perf_counter()
        model.fit(x[train], y[train])
        fit_ms.append((time.perf_counter() - started) * 1000)
        # MLPClassifier stops before max_iter once the training loss stalls (n_iter_no_change=10), so
        # its epochs are reported beside its fit time: Petal always runs all of its epochs.
        network = model.steps[-1][1] if hasattr(model, "steps") else model
        if isinstance(network, MLPClassifier):
            epochs.append(network.n_iter_)
        # As Petal: the test rows repeated to 1,000, one predict_proba call, its first rows scored.
        rows = max(PREDICTION_ROWS, len(test))
        tiled = np.resize(x[test], (rows, x.shape[1]))
        started = time.perf_counter()
        probabilities = model.predict_proba(tiled)
        predict_ms += (time.perf_counter() - started) * 1000
        predict_rows += rows
        predicted = model.classes_[probabilities[: len(test)].argmax(axis=1)]
        accuracies.append(float(np.mean(predicted == y[test])))
    result = {
        "accuracy": summary(accuracies),
        "fitMs": summary(fit_ms),
        "predictMsPer1000": predict_ms / predict_rows * PREDICTION_ROWS,
    }
    if epochs:
        result["epochs"] = summary(epochs)
    return result


def main():
    request = json.load(sys.stdin)
    folds, repeats, seed = request.get("folds", 5), request.get("repeats", 3), request.get("seed", 42)
    available = models(seed)
    asked = request.get("models", list(available))
    unknown = [name for name in asked if name not in available]
    if unknown:
        raise ValueError(f"unknown model(s) {unknown}; choose from {list(available)}")
    x, y, features, label = read_csv(request["csv"], request.get("label"))
    # Petal reports convergence through its loss curve; here the warning would only clutter stderr.
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    result = {
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "executable": sys.executable,
        "dataset": {
            "csv": request["csv"],
            "rows": int(len(y)),
            "features": features,
            "label": label,
            "classes": sorted(set(y.tolist())),
        },
        "folds": folds,
        "repeats": repeats,
        "seed": seed,
        "models": {name: cross_validate(available[name], x, y, folds, repeats, seed) for name in asked},
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    try:
        main()
    except (ValueError, KeyError, OSError, json.JSONDecodeError) as error:
        print(f"sklearn-peer: {error}", file=sys.stderr)
        sys.exit(2)
