"""The categories' learned layer: for a trade message, one linear model per category over the same
hashed features as the trade layer (``learned``), trained on the trade rows of the labelled set.

The rules name a category from its cue words and from what the detectors found (``categories``);
blind batches showed they miss many ("cash ready", "£5 a drop", "open till 2am"). Where this
layer is sure it decides: a category at ``ADD`` or more is added, at ``DROP`` or less removed (both
chosen on held-out rows). Each category it adds shows the words that weighed most for it (rule
``learned.<category>``). The weights are data (``data/category_model.npz``), trained with the trade
layer by ``python -m filiere.extract.train``, with the digest of the rows they were trained on.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from filiere.errors import FormatError
from filiere.extract import learned, prescan
from filiere.extract.detection import CATEGORIES, Evidence

ADD = 0.6  # a category this probable is added
DROP = 0.1  # ... this improbable, removed
# On longer texts the layer only adds: a long post (a centrale's rules, a weekly menu, a FAQ) states
# several things at once, and the layer, trained mostly on short messages, pruned what they plainly say.
REMOVES_UP_TO = 600
MODEL_PATH = Path(__file__).resolve().parent / "data" / "category_model.npz"
RULE = "learned"
_ADD_LOGIT = math.log(ADD / (1 - ADD))  # compared in log-odds: no exponential per message
_DROP_LOGIT = math.log(DROP / (1 - DROP))


@dataclass(frozen=True, eq=False)
class CategoryModel:
    """One weight per feature and category, row-major (``matrix``: native float32, the layout the
    compiled pass reads), a bias per category, and what they were trained on."""

    names: tuple[str, ...]
    matrix: bytes
    biases: tuple[float, ...]
    rows: int
    digest: str

    @property
    def version(self) -> str:
        return f"categories:{self.digest[:12]}"

    @property
    def weights(self) -> npt.NDArray[np.float32]:
        """``weights[feature, category]``: a read-only view of ``matrix``."""
        return np.frombuffer(self.matrix, dtype=np.float32).reshape(learned.SIZE, len(self.names))

    def logits(self, folded: str) -> list[float]:
        """Each category's log-odds for a folded text (summed by the compiled pass when built)."""
        if not self.names:
            return []
        if _native is not None:
            sums = _native.learned_sums(folded, self.matrix, len(self.names), learned.BITS)
        else:
            indices = feature_indices(folded)
            sums = self.weights[indices].sum(axis=0, dtype=np.float64).tolist()
        return [bias + total for bias, total in zip(self.biases, sums, strict=True)]

    def revise(
        self, categories: tuple[str, ...], folded: str, text: str, kept: frozenset[str] = frozenset()
    ) -> tuple[tuple[str, ...], list[Evidence]]:
        """The rules' ``categories`` of a trade message as this layer revises them, with the
        evidence of each category it adds; those in ``kept`` (what the message's structure says:
        a tour of street addresses is logistics) it never removes, nor any of a text longer than
        ``REMOVES_UP_TO``."""
        found = set(categories)
        if len(text) > REMOVES_UP_TO:
            kept = frozenset(categories)
        evidence: list[Evidence] = []
        for at, logit in enumerate(self.logits(folded)):
            name = self.names[at]
            if logit >= _ADD_LOGIT and name not in found:
                found.add(name)
                evidence += learned.strongest(self.word_weights(at, folded), text, f"{RULE}.{name}")
            elif logit <= _DROP_LOGIT and name not in kept:
                found.discard(name)
        return tuple(sorted(found)), evidence

    def word_weights(self, at: int, folded: str) -> list[tuple[int, int, float]]:
        """Each word of a folded text with what it weighs for category ``at`` (as ``learned``'s)."""
        if _native is not None:
            return list(_native.learned_words(folded, self.matrix, len(self.names), at))
        return learned.Model(self.weights[:, at], 0.0, self.rows, self.digest).word_weights(folded)


def laid_out(
    names: Sequence[str], weights: npt.NDArray[Any], bias: npt.NDArray[Any], rows: int, digest: str
) -> CategoryModel:
    """A ``CategoryModel`` from its weights (``weights[feature, category]``) and biases."""
    matrix = np.ascontiguousarray(weights, dtype=np.float32).tobytes()
    return CategoryModel(tuple(names), matrix, tuple(float(value) for value in bias), rows, digest)


def feature_indices(folded: str) -> npt.NDArray[np.uint32]:
    """The feature indices of a folded text, in ``learned.features``' order (the compiled pass
    computes them when built)."""
    if _native is not None:
        return np.frombuffer(_native.learned_indices(folded, learned.BITS), dtype=np.uint32)
    return np.array([index for index, _, _ in learned.features(folded)], dtype=np.uint32)


def training_rows(labelled: Iterable[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """The trade rows a category model is trained on, with their categories: never the test part,
    nor rows whose categories were not labelled."""
    return [
        (row["text"], sorted(row["categories"]))
        for row in labelled
        if row.get("drug_trade") and row.get("split", "dev") != learned.TEST and isinstance(row.get("categories"), list)
    ]


def train(rows: Sequence[tuple[str, Sequence[str]]], penalty: float = learned.PENALTY) -> CategoryModel:
    """One logistic regression per category over the rows' hashed features. A category no row has,
    or every row has, is left out: the model has nothing to say of it, and leaves it to the rules."""
    matrix = learned.design([text for text, _ in rows])
    names = tuple(name for name in CATEGORIES if 0 < sum(name in labels for _, labels in rows) < len(rows))
    weights = np.zeros((learned.SIZE, len(names)), dtype=np.float32)
    bias = np.zeros(len(names))
    for at, name in enumerate(names):
        weights[:, at], bias[at] = learned.fit(matrix, [name in labels for _, labels in rows], penalty)
    return laid_out(names, weights, bias, len(rows), learned.digest([(text, list(labels)) for text, labels in rows]))


def save(model: CategoryModel, path: Path) -> None:
    """Write ``model`` to ``path`` (NumPy's compressed archive, no pickled objects), whole or not at all."""
    meta = {"names": list(model.names), "rows": model.rows, "digest": model.digest}
    # Half precision: eight columns of 65,536 weights, a sum of a few hundred of them per message.
    learned.write_archive(path, meta, weights=model.weights.astype(np.float16), bias=np.array(model.biases))


def load(path: Path = MODEL_PATH) -> CategoryModel:
    """The model stored at ``path``; a missing, damaged or incompatible file raises ``FormatError``."""
    arrays, meta = learned.read_archive(path, "category model", ("weights", "bias"))
    weights, bias = arrays["weights"].astype(np.float32), arrays["bias"].astype(np.float64)
    names = meta.get("names")
    if (
        not isinstance(names, list)
        or not all(isinstance(name, str) and name in CATEGORIES for name in names)
        or len(set(names)) != len(names)
        or weights.shape != (learned.SIZE, len(names))
        or bias.shape != (len(names),)
        or not isinstance(meta.get("rows"), int)
        or not isinstance(meta.get("digest"), str)
    ):
        raise FormatError(
            "the category model's weights or description are incomplete", path=str(path), hint=learned.HINT
        )
    if not np.isfinite(weights).all() or not all(math.isfinite(value) for value in bias):
        raise FormatError("the category model holds weights that are not numbers", path=str(path), hint=learned.HINT)
    return laid_out([str(name) for name in names], weights, bias, meta["rows"], meta["digest"])


_native: Any = None  # the compiled pass, when built and of the version ``prescan`` expects
if prescan.compiled():
    from filiere.extract import _prescan as _native


@lru_cache(maxsize=1)
def default_model() -> CategoryModel:
    """The model shipped with filiere, loaded once per process."""
    return load()


_override: CategoryModel | None = None


def current_model() -> CategoryModel:
    """The model detections use: the shipped one, or the one ``using`` put in its place."""
    return _override if _override is not None else default_model()


@contextmanager
def using(model: CategoryModel) -> Iterator[None]:
    """Detections inside the block use ``model`` instead of the current one (to cross-validate); the
    per-text cache of detections is emptied on the way in and out. Blocks nest; not for concurrent use."""
    global _override
    from filiere.extract.pipeline import clear_cache  # the pipeline imports this module

    before = _override
    _override = model
    clear_cache()
    try:
        yield
    finally:
        _override = before
        clear_cache()
