"""A trained HistGradientBoostingClassifier as the plain-array model file `cleaner.clean.scorer`
reads: no pickle, nothing of scikit-learn at run time. Written byte for byte the same for the
same model (fixed zip entry dates, sorted JSON), so training twice gives the same file."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from cleaner.clean.features import FEATURES
from cleaner.clean.scorer import FORMAT


def arrays_of(model: Any) -> tuple[dict[str, np.ndarray], float, int]:
    """The trees of a fitted binary HistGradientBoostingClassifier, padded to one width."""
    trees = [predictors[0].nodes for predictors in model._predictors]
    width = max(len(t) for t in trees)
    out = {
        "feature": np.zeros((len(trees), width), np.int32),
        "split": np.zeros((len(trees), width), np.float64),
        "left": np.zeros((len(trees), width), np.int32),
        "right": np.zeros((len(trees), width), np.int32),
        "missing_left": np.zeros((len(trees), width), bool),
        "leaf": np.ones((len(trees), width), bool),
        "value": np.zeros((len(trees), width), np.float64),
    }
    for t, nodes in enumerate(trees):
        if nodes["is_categorical"].any():
            raise ValueError("categorical splits are not supported by the run-time scorer")
        n = len(nodes)
        out["feature"][t, :n] = nodes["feature_idx"]
        out["split"][t, :n] = nodes["num_threshold"]
        out["left"][t, :n] = nodes["left"]
        out["right"][t, :n] = nodes["right"]
        out["missing_left"][t, :n] = nodes["missing_go_to_left"]
        out["leaf"][t, :n] = nodes["is_leaf"]
        out["value"][t, :n] = nodes["value"]
    depth = int(max(t["depth"].max() for t in trees))
    return out, float(np.ravel(model._baseline_prediction)[0]), depth


def export(model: Any, threshold: float, path: Path) -> None:
    arrays, baseline, depth = arrays_of(model)
    meta = {"format": FORMAT, "features": list(FEATURES), "threshold": threshold, "baseline": baseline,
            "depth": depth}  # fmt: skip
    entries = {"meta": np.array(json.dumps(meta, sort_keys=True)), **arrays}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in entries.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())
