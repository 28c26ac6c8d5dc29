"""The learned layer: a linear model over hashed n-grams of a message, trained on the labelled set.

The rules read what the lexicon names; every blind batch brought street words and terse orders no
list had yet ("need a ting of the white", "u good for a 20?"). The learned layer reads the shape of
the whole message instead: its words, pairs of words, and the three- and four-character pieces of
each word (so "zootz" shares pieces with "zoots"), each hashed into one of ``SIZE`` weights. Its
probability changes a verdict only when it is sure: above ``TRADE`` a message the rules let pass is
trade (and ambiguous words in it count as products); below ``DOUBT`` a message the rules called
trade is not, unless the rules are sure of it (``RULES_SURE``). Texts longer than ``MAX_CHARS``,
longer than anything it was trained on, keep the rules' verdict. Either way the words that weighed
most are given as evidence (rule ``learned``).

The weights are data, trained by ``python -m filiere.extract.train LABELLED.jsonl`` on the rows
of the labelled set not marked ``split: test`` (the test rows stay unseen), and shipped in
``data/trade_model.npz`` with the digest of the rows they were trained on. The compiled first pass
(``_prescan.learned_score``) computes the same sum in C; ``features`` here is the reference.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from filiere.errors import FormatError
from filiere.extract.detection import Evidence

BITS = 16
SIZE = 1 << BITS
FEATURES = 1  # the version of the features; keep in step with ``learned_score`` in _prescan.c
TRADE = 0.8  # above this the learned layer calls a message trade that the rules let pass
DOUBT = 0.05  # below this it overrules the rules' trade verdict ...
RULES_SURE = 0.9  # ... unless the rules are this sure (a named product with its price, jargon)
MAX_CHARS = 1500  # longer texts (the labelled set's longest is about 1,040: long channel posts) keep the rules' verdict
PENALTY = 1.0  # L2 regularisation of the training
LOGIT_BOUND = 30.0  # probabilities are read within exp(±30): closer to 0 or 1 changes nothing
EXPLAINED = 6  # at most this many words are given as evidence
EXPLAIN_FLOOR = 0.3  # a word weighing less than this (log-odds) is not evidence
MODEL_PATH = Path(__file__).resolve().parent / "data" / "trade_model.npz"
RULE = "learned"
TEST = "test"  # the split of a labelled set that is never trained on
HINT = "retrain it: python -m filiere.extract.train tests/extract/devset.jsonl"

_FNV_OFFSET = 2166136261
_FNV_PRIME = 16777619
_WORD, _PAIR, _PIECE = 1, 2, 3
_WORDS = re.compile(r"[^ \t\n\r\x0b\x0c]+")  # the C pass splits on the same ASCII blanks


def _hash(kind: int, chars: str) -> int:
    value = ((_FNV_OFFSET ^ kind) * _FNV_PRIME) & 0xFFFFFFFF
    for char in chars:
        value = ((value ^ ord(char)) * _FNV_PRIME) & 0xFFFFFFFF
    return value & (SIZE - 1)


def _words(folded: str) -> list[tuple[int, int, str]]:
    return [(match.start(), match.end(), match.group()) for match in _WORDS.finditer(folded)]


def word_spans(folded: str) -> list[tuple[int, int]]:
    """The words of a folded text as the features split them (on ASCII blanks), as spans."""
    return [match.span() for match in _WORDS.finditer(folded)]


def _own_features(word: str) -> list[int]:
    """A word's own features: the word, and the three- and four-character pieces of "<word>"."""
    marked = f"<{word}>"
    pieces = [_hash(_PIECE, marked[i : i + size]) for size in (3, 4) for i in range(len(marked) - size + 1)]
    return [_hash(_WORD, word), *pieces]


def _pair(left: str, right: str) -> int:
    return _hash(_PAIR, f"{left} {right}")


def features(folded: str) -> list[tuple[int, int, int]]:
    """The hashed features of a folded text, each with the span of the words it comes from:
    ``(index, start, end)``. A feature found twice counts twice."""
    words = _words(folded)
    found = [(index, start, end) for start, end, word in words for index in _own_features(word)]
    found += [(_pair(left, right), start, end) for (start, _, left), (_, end, right) in pairwise(words)]
    return found


@dataclass(frozen=True, eq=False)
class Model:
    """The weights of the learned layer and what they were trained on (compared by identity: the
    compiled pass holds one model's weights)."""

    weights: npt.NDArray[np.float32]
    bias: float
    rows: int  # labelled messages trained on
    digest: str  # SHA-256 of those rows (text and verdict), to tell a stale model

    def logit(self, folded: str) -> float:
        """The model's log-odds that the message is trade (the compiled sum when this model is the
        one handed to the compiled pass)."""
        if _native is not None and _configured is self:
            return self.bias + float(_native.learned_score(folded))
        weights = self.weights
        return self.bias + float(sum(float(weights[index]) for index, _, _ in features(folded)))

    @property
    def version(self) -> str:
        """The model as detections record it: the digest of the rows it was trained on, shortened."""
        return f"learned:{self.digest[:12]}"

    def probability(self, folded: str) -> float:
        logit = self.logit(folded)  # a megabyte of one word sums far past what exp() takes
        return 1 / (1 + math.exp(-min(max(logit, -LOGIT_BOUND), LOGIT_BOUND)))

    def word_weights(self, folded: str) -> list[tuple[int, int, float]]:
        """Each word of a folded text with what it weighs: its own features (the word and its
        pieces) and half of each pair it is in."""
        if _native is not None and _configured is self:
            return list(_native.learned_words(folded))
        weights = self.weights
        words = _words(folded)
        weighed = [
            [start, end, float(weights[_own_features(word)].sum(dtype=np.float64))] for start, end, word in words
        ]
        for at, ((_, _, left), (_, _, right)) in enumerate(pairwise(words)):
            half = float(weights[_pair(left, right)]) / 2
            weighed[at][2] += half
            weighed[at + 1][2] += half
        return [(int(start), int(end), float(weight)) for start, end, weight in weighed]

    def explain(self, folded: str, text: str, towards_trade: bool) -> list[Evidence]:
        """The words that weighed most towards the verdict, as evidence."""
        rule = RULE if towards_trade else f"{RULE}.not_trade"
        return strongest(self.word_weights(folded), text, rule, 1.0 if towards_trade else -1.0)


def strongest(weighed: Iterable[tuple[int, int, float]], text: str, rule: str, sign: float = 1.0) -> list[Evidence]:
    """The words that weighed most (at most ``EXPLAINED``, each at least ``EXPLAIN_FLOOR`` towards
    ``sign``), as evidence of ``rule``, in the order of the text."""
    ranked = sorted((item for item in weighed if sign * item[2] >= EXPLAIN_FLOOR), key=lambda item: -sign * item[2])
    return [Evidence(start, end, text[start:end], rule) for start, end, _ in sorted(ranked[:EXPLAINED])]


def digest(rows: Iterable[tuple[str, Any]]) -> str:
    """The SHA-256 of labelled rows (text and label: the verdict, or the categories), in order."""
    sha = hashlib.sha256()
    for text, label in rows:
        sha.update(json.dumps([text, label], ensure_ascii=False).encode("utf-8"))
        sha.update(b"\n")
    return sha.hexdigest()


def training_rows(labelled: Iterable[dict[str, Any]]) -> list[tuple[str, bool]]:
    """The rows a model is trained on: every row of a labelled set but its test part (``split:
    test``, the blind batches nobody tuned or trained anything on). The held-out part, which the
    rules were never tuned on, is trained on too: more rows help the layer more than a held-out
    figure of its own, which cross-validation gives instead (``bench/detect_eval.py --cross``)."""
    return [(row["text"], bool(row["drug_trade"])) for row in labelled if row.get("split", "dev") != TEST]


def train(rows: Sequence[tuple[str, bool]], penalty: float = PENALTY) -> Model:
    """Logistic regression with an L2 penalty over the hashed features of ``rows``."""
    weights, bias = fit(design([text for text, _ in rows]), [trade for _, trade in rows], penalty)
    return Model(weights, bias, len(rows), digest(rows))


def design(texts: Sequence[str]) -> Any:
    """The texts' hashed features as a sparse matrix (one row per text, ``SIZE`` columns)."""
    from scipy.sparse import csr_matrix

    from filiere.extract.prescan import prescan

    indices: list[int] = []
    pointers = [0]
    for text in texts:
        indices.extend(index for index, _, _ in features(prescan(text)[0]))
        pointers.append(len(indices))
    matrix = csr_matrix((np.ones(len(indices)), indices, pointers), shape=(len(texts), SIZE))
    matrix.sum_duplicates()
    return matrix


def fit(matrix: Any, labels: Sequence[bool], penalty: float = PENALTY) -> tuple[npt.NDArray[np.float32], float]:
    """Weights and bias of a logistic regression with an L2 penalty, from ``design``'s matrix."""
    from scipy.optimize import minimize

    truth = np.array(labels, dtype=float)

    def loss(w: npt.NDArray[np.float64]) -> tuple[float, npt.NDArray[np.float64]]:
        z = matrix @ w[:-1] + w[-1]
        p = 1 / (1 + np.exp(-z))
        value = -(truth * np.log(p + 1e-12) + (1 - truth) * np.log(1 - p + 1e-12)).sum()
        value += penalty * float(w[:-1] @ w[:-1]) / 2
        gradient = np.append(matrix.T @ (p - truth) + penalty * w[:-1], (p - truth).sum())
        return float(value), gradient

    result = minimize(loss, np.zeros(SIZE + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return result.x[:-1].astype(np.float32), float(result.x[-1])


def save(model: Model, path: Path) -> None:
    """Write ``model`` to ``path`` (NumPy's compressed archive, no pickled objects), whole or not at all."""
    meta = {"rows": model.rows, "digest": model.digest}
    write_archive(path, meta, weights=model.weights, bias=np.array([model.bias]))


def load(path: Path = MODEL_PATH) -> Model:
    """The model stored at ``path``; a missing, damaged or incompatible file raises ``FormatError``."""
    arrays, meta = read_archive(path, "learned model", ("weights", "bias"))
    weights, biases = arrays["weights"].astype(np.float32), arrays["bias"]
    if (
        weights.shape != (SIZE,)
        or biases.shape != (1,)
        or not isinstance(meta.get("rows"), int)
        or not isinstance(meta.get("digest"), str)
    ):
        raise FormatError("the learned model's weights or description are incomplete", path=str(path), hint=HINT)
    bias = float(biases[0])
    if not np.isfinite(weights).all() or not math.isfinite(bias):
        raise FormatError("the learned model holds weights that are not numbers", path=str(path), hint=HINT)
    return Model(weights, bias, meta["rows"], meta["digest"])


def write_archive(path: Path, meta: dict[str, Any], **arrays: npt.NDArray[Any]) -> None:
    """Write ``arrays`` and ``meta`` (with the features they are for) to ``path``, NumPy's compressed
    archive without pickled objects: whole, then put in place, or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    described = json.dumps({"features": FEATURES, "bits": BITS, **meta})
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as fh:
        contents: dict[str, Any] = {**arrays, "meta": np.array([described])}
        np.savez_compressed(fh, **contents)
    partial.replace(path)


def read_archive(path: Path, what: str, names: Sequence[str]) -> tuple[dict[str, npt.NDArray[Any]], dict[str, Any]]:
    """The arrays ``names`` and the description of an archive ``write_archive`` wrote; a missing,
    damaged or incompatible file raises ``FormatError`` naming ``what`` it should hold."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in names}
            meta = json.loads(str(archive["meta"][0]))
    except (OSError, EOFError, zipfile.BadZipFile, KeyError, ValueError, IndexError) as exc:
        raise FormatError(f"unreadable {what}: {exc}", path=str(path), hint=HINT) from exc
    if not isinstance(meta, dict) or meta.get("features") != FEATURES or meta.get("bits") != BITS:
        raise FormatError(f"the {what} was made for other features", path=str(path), hint=HINT)
    if not all(np.issubdtype(array.dtype, np.floating) for array in arrays.values()):
        raise FormatError(f"the {what} holds weights that are not numbers", path=str(path), hint=HINT)
    return arrays, meta


_native: Any
try:
    from filiere.extract import _prescan as _native
except ImportError:  # a source tree that was never built: Python sums the weights
    _native = None
_configured: Model | None = None
_override: Model | None = None


@lru_cache(maxsize=1)
def default_model() -> Model:
    """The model shipped with filiere, loaded once per process and handed to the compiled pass."""
    global _configured
    model = load()
    from filiere.extract import prescan  # the compiled pass is usable only once prescan checked its version

    if _native is not None and prescan.compiled():
        _native.learned_configure(model.weights.tobytes())
        _configured = model
    return model


def current_model() -> Model:
    """The model detections use: the shipped one, or the one ``using`` put in its place."""
    return _override if _override is not None else default_model()


@contextmanager
def using(model: Model) -> Iterator[None]:
    """Detections inside the block use ``model`` instead of the current one (to cross-validate); the
    per-text cache of detections is emptied on the way in and out. Blocks nest; not for concurrent use."""
    default_model()  # the shipped model is loaded (and handed to the compiled pass) before any swap
    before, compiled = _override, _configured
    try:
        _put(model, model if compiled is not None else None)
        yield
    finally:
        _put(before, compiled)


def _put(override: Model | None, compiled: Model | None) -> None:
    """Make ``override`` the current model and ``compiled`` the one whose weights the compiled pass
    sums (None: leave the compiled pass as it is)."""
    global _configured, _override
    from filiere.extract.pipeline import clear_cache  # the pipeline imports this module

    _override = override
    if compiled is not None:
        _native.learned_configure(compiled.weights.tobytes())
        _configured = compiled
    clear_cache()
