"""The learned block scorer at run time: a gradient-boosted tree model evaluated with numpy.

Used by `clean_blocks` when ``settings.BLOCK_SCORER == "model"``: the
rules' removals always apply, and of the blocks no rule names the model removes those it
scores under its threshold (cross-validated figures: ``python bench/train.py``).

The model is trained by ``bench/train.py`` (scikit-learn, the ``train`` extra) and shipped as an
``.npz`` of plain arrays: per tree its nodes' feature, threshold, children, leaf flag and value,
padded to one width. Evaluating it needs numpy alone, all blocks of a document and all trees at
once: a (trees x blocks) array of node indices walks down one level per step.
"""

from __future__ import annotations

import itertools
import json
import zipfile
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..article import Removal
from ..document import Document
from ..errors import CleanerError
from .engine import Judgement
from .features import FEATURES, block_features


class ModelError(CleanerError):
    """The block scorer's model file is missing, unreadable or not one this version reads."""


#: The model file format this code reads; `bench/train.py` writes the same number.
FORMAT = 1


@dataclass(frozen=True)
class TreeModel:
    features: tuple[str, ...]
    threshold: float
    baseline: float
    feature: np.ndarray  # (trees, nodes) int32
    split: np.ndarray  # (trees, nodes) float64: go left when x <= split
    left: np.ndarray  # (trees, nodes) int32
    right: np.ndarray  # (trees, nodes) int32
    missing_left: np.ndarray  # (trees, nodes) bool
    leaf: np.ndarray  # (trees, nodes) bool
    value: np.ndarray  # (trees, nodes) float64: a leaf's output, an inner node's mean output
    depth: int

    def raw(self, X: np.ndarray) -> np.ndarray:
        """The log-odds of content for each row of `X` (blocks x features)."""
        leaves = self._paths(X)[-1]
        return np.asarray(self.baseline + self._flat.value[leaves].sum(axis=0), dtype=np.float64)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """p(content) of each row of `X`."""
        if X.shape[1] != len(self.features):
            raise ModelError(f"the model reads {len(self.features)} features, the blocks have {X.shape[1]}")
        return np.asarray(1.0 / (1.0 + np.exp(-self.raw(X))))

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """How much each feature moved each row's log-odds (blocks x features): along every
        tree's path, the change of the node value at a split is put on the split's feature.
        The changes are summed by one `np.bincount` over (row, feature) cells, level by level
        in the order `np.add.at` would take them, so each cell's sum is the same."""
        flat = self._flat
        paths = self._paths(X)
        width = len(self.features)
        rows = np.broadcast_to(np.arange(X.shape[0]) * width, paths[0].shape)
        cells: list[np.ndarray] = []
        deltas: list[np.ndarray] = []
        for parent, child in itertools.pairwise(paths):
            moved = parent != child
            delta = flat.value[child] - flat.value[parent]
            cells.append(rows[moved] + flat.feature[parent[moved]])
            deltas.append(delta[moved])
        if not cells:
            return np.zeros((X.shape[0], width))
        out = np.bincount(np.concatenate(cells), weights=np.concatenate(deltas), minlength=X.shape[0] * width)
        return out.reshape(X.shape[0], width)

    def _paths(self, X: np.ndarray) -> list[np.ndarray]:
        """The node of every tree for every row, level by level (a leaf stays where it is), as
        indices into the flattened trees (`_Flat`): a level is a handful of one-dimensional
        takes, which matters on the many small documents where numpy's per-call cost is most
        of the work."""
        flat = self._flat
        trees, n = self.feature.shape[0], X.shape[0]
        X = np.ascontiguousarray(X)
        values = X.reshape(-1)
        offsets = np.arange(n, dtype=np.intp) * X.shape[1]
        node = np.repeat(flat.roots, n).reshape(trees, n)
        nan = bool(np.isnan(X).any())
        paths = [node]
        for _ in range(self.depth):
            x = values[offsets + flat.feature[node]]
            go_right = ~(x <= flat.split[node])
            if nan:
                go_right = np.where(np.isnan(x), ~flat.missing_left[node], go_right)
            node = flat.children[2 * node + go_right]
            paths.append(node)
        return paths

    @cached_property
    def _flat(self) -> _Flat:
        return _Flat.of(self)


@dataclass(frozen=True)
class _Flat:
    """A model's trees as one node array (node ``j`` of tree ``t`` at ``t * nodes + j``), each
    node's two children side by side (a leaf's both itself, so a walk stays on it)."""

    roots: np.ndarray  # (trees,) intp
    feature: np.ndarray  # (trees * nodes,) intp
    split: np.ndarray  # (trees * nodes,) float64
    missing_left: np.ndarray  # (trees * nodes,) bool
    children: np.ndarray  # (2 * trees * nodes,) intp: left, right
    value: np.ndarray  # (trees * nodes,) float64

    @classmethod
    def of(cls, model: TreeModel) -> _Flat:
        trees, nodes = model.feature.shape
        base = (np.arange(trees, dtype=np.intp) * nodes)[:, None]
        here = base + np.arange(nodes, dtype=np.intp)[None, :]
        left = np.where(model.leaf, here, base + model.left)
        right = np.where(model.leaf, here, base + model.right)
        return cls(
            roots=base[:, 0].copy(),
            feature=model.feature.astype(np.intp).ravel(),
            split=model.split.astype(np.float64).ravel(),
            missing_left=model.missing_left.astype(bool).ravel(),
            children=np.stack([left, right], axis=-1).astype(np.intp).ravel(),
            value=model.value.astype(np.float64).ravel(),
        )


_ARRAYS = ("feature", "split", "left", "right", "missing_left", "leaf", "value")


def load_model(path: str | Path) -> TreeModel:
    """Read a model file; any problem with it is one clear `ModelError`."""
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            arrays = {name: np.asarray(data[name]) for name in _ARRAYS}
    except FileNotFoundError:
        raise ModelError(f"block scorer model not found: {path}") from None
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        raise ModelError(f"block scorer model {path} is unreadable ({type(exc).__name__}: {exc})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelError(f"block scorer model {path} has format {meta.get('format')!r}, this version reads {FORMAT}")
    shape = arrays["feature"].shape
    if len(shape) != 2 or any(a.shape != shape for a in arrays.values()):
        raise ModelError(f"block scorer model {path} is corrupt (its tree arrays differ in shape)")
    features = tuple(str(f) for f in meta["features"])
    if shape[0] and (arrays["feature"].max() >= len(features) or arrays["left"].max() >= shape[1]):
        raise ModelError(f"block scorer model {path} is corrupt (a node points past its arrays)")
    return TreeModel(
        features=features,
        threshold=float(meta["threshold"]),
        baseline=float(meta["baseline"]),
        feature=arrays["feature"].astype(np.int32),
        split=arrays["split"].astype(np.float64),
        left=arrays["left"].astype(np.int32),
        right=arrays["right"].astype(np.int32),
        missing_left=arrays["missing_left"].astype(bool),
        leaf=arrays["leaf"].astype(bool),
        value=arrays["value"].astype(np.float64),
        depth=int(meta["depth"]),
    )


#: The models shipped inside the package, by the document format they judge: HTML blocks
#: (rebuilt by ``python bench/train.py --out``) and the blocks of text and Markdown inputs
#: (``python bench/train.py --input text --out``). Their features are the same; what a block
#: of extracted text looks like next to its neighbours is not what an HTML block does.
SHIPPED = {"html": "block_scorer.npz", "text": "text_scorer.npz", "markdown": "text_scorer.npz"}
#: How many features a model removal's reason names.
TOP_FEATURES = 3


@cache
def shipped_model(format: str = "html") -> TreeModel:
    """The package's model for documents of `format`, read once per process."""
    name = SHIPPED.get(format)
    if name is None:
        raise ModelError(f"no block scorer model for {format} documents")
    return load_model(Path(str(resources.files("cleaner") / "data" / name)))


@dataclass(frozen=True)
class Decision:
    """What the model made of a document: its removals by judged row, and how sure it was of
    the text it left (None when it judged nothing)."""

    removals: dict[int, Removal]
    confidence: float | None


def decide(doc: Document, verdict: Judgement, model: TreeModel | None = None) -> Decision:
    """Removals for the judged blocks no rule removes (nor the title) whose p(content) is
    under the model's threshold, by judged row, each reason giving the score and the features
    that pulled it down most (so that ``--explain`` says why); and the model's confidence
    (`confidence_of`)."""
    model = model or shipped_model(doc.format)
    candidates = [row for row, rule in enumerate(verdict.rules) if rule is None and row != verdict.title_index]
    if not candidates:
        return Decision({}, None)
    features = block_features(doc, verdict)
    X = _columns(features, model)
    probs = model.predict(X)
    rows = np.array([row for row in candidates if probs[row] < model.threshold], dtype=np.int64)
    kept = np.zeros(len(probs), dtype=bool)
    kept[candidates] = True
    kept[rows] = False
    sure = confidence_of(probs, kept, np.expm1(features[:, FEATURES.index("words_log")].astype(np.float64)))
    if not len(rows):
        return Decision({}, sure)
    pulls = model.contributions(X[rows])
    out: dict[int, Removal] = {}
    for k, row in enumerate(rows.tolist()):
        order = np.argsort(pulls[k])[:TOP_FEATURES]
        named = ", ".join(f"{model.features[j]}={X[row, j]:.2f} ({pulls[k, j]:+.2f})" for j in order)
        reason = f"learned block scorer: p(content) {probs[row]:.2f} < {model.threshold:.2f}; weighed most: {named}"
        block = doc.blocks[verdict.judged[row]]
        out[row] = Removal(doc.raw(block), MODEL_RULE, reason)
    return Decision(out, sure)


def confidence_of(probs: np.ndarray, kept: np.ndarray, words: np.ndarray) -> float:
    """How sure the model is of the text it kept: the mean p(content) of the kept blocks'
    words, less half the share of the document's words it was unsure of (p within 0.25 of
    0.5). Held out by site, it ranks pages by their F1 better than the hand-weighed
    `Article.confidence` (Spearman 0.70 against 0.56 on WCXB dev: BENCHMARKS.md)."""
    weight = words[kept]
    if not weight.sum():
        return 0.0
    mean_kept = float((probs[kept] * weight).sum() / weight.sum())
    unsure = float(words[np.abs(probs - 0.5) < 0.25].sum() / max(words.sum(), 1.0))
    return round(mean_kept * (1.0 - 0.5 * unsure), 3)


def _columns(X: np.ndarray, model: TreeModel) -> np.ndarray:
    """The columns of `X` (`FEATURES`) the model reads, in its order: a model trained before
    features were added still reads its own; one naming a feature this version lacks fails."""
    if model.features == FEATURES:
        return X
    return X[:, _column_index(model.features)]


@lru_cache(maxsize=16)
def _column_index(features: tuple[str, ...]) -> np.ndarray:
    """Where a model's features are in `FEATURES`, worked out once per model, not per document."""
    index = {name: i for i, name in enumerate(FEATURES)}
    missing = [f for f in features if f not in index]
    if missing:
        raise ModelError(f"the model reads features this version does not compute: {', '.join(missing[:5])}")
    return np.array([index[f] for f in features], dtype=np.intp)


#: The rule name a model removal carries (in `Article.removed` and ``--explain``).
MODEL_RULE = "learned-scorer"
