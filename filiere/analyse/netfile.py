"""Read the network files analysts receive: edge lists (CSV, TSV, whitespace) and labelled matrices.

Labels are kept exactly as written. Every choice made while reading (delimiter, header, direction,
repeated pairs, self-loops) is recorded in ``NetworkFile.notes`` so that an analysis can be repeated.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from filiere.errors import EvidenceError, FormatError, UnsafeInputError, UsageError
from filiere.i18n import tr
from filiere.ingest.text import read_head, sniff_encoding, text_lines

__all__ = ["Duplicates", "Kind", "NetworkFile", "ReadOptions", "parse_network", "project_rows", "read_network"]

Kind = Literal["auto", "edgelist", "matrix"]
Duplicates = Literal["sum", "max", "last"]

# A matrix this wide has more cells than any file an analyst exchanges; past it, ask for an edge list.
MAX_MATRIX_LABELS = 5_000
_HEADER_TEXT = (
    "source target from to caller callee calling called src dst node node1 node2 u v id1 id2 "
    "ego alter weight count calls poids appelant appele appelé origine destination de vers"
)
_HEADER_WORDS = frozenset(_HEADER_TEXT.split())
_QUOTED = re.compile(r'"[^"]*"')
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ReadOptions:
    """How to read a network file; the defaults suit most files analysts receive.

    ``directed=False`` reads each row or cell as a tie between two people; with ``True`` a row
    ``a,b`` (or cell row a, column b) is an arc from a to b. ``duplicates`` says how a pair given
    several times is weighted: ``sum`` (total contacts), ``max`` or ``last`` (the last row wins).
    ``header=None`` guesses whether an edge list starts with column names. ``two_mode`` reads a
    rectangular persons × events matrix as a bipartite graph.
    """

    kind: Kind = "auto"
    directed: bool = False
    header: bool | None = None
    duplicates: Duplicates = "sum"
    two_mode: bool = False
    encoding: str | None = None


@dataclass(frozen=True)
class NetworkFile:
    """A network read from a file, with how it was read.

    ``graph`` is a networkx ``Graph`` or ``DiGraph`` whose nodes are the labels as written, in
    order of first appearance; edges carry ``weight`` (1.0 when the file has no weights).
    """

    path: str
    graph: Any
    kind: Literal["edgelist", "matrix"]
    directed: bool
    weighted: bool
    two_mode: bool
    notes: tuple[str, ...]


def read_network(path: str | Path, options: ReadOptions | None = None) -> NetworkFile:
    """Read an edge list or adjacency matrix file; ``FormatError`` names the file and line if it cannot."""
    options = options or ReadOptions()
    name = str(path)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, the generator reads it lazily
    except OSError as exc:
        raise EvidenceError(
            tr(f"{name} : fichier illisible ({exc.strerror})", f"{name}: cannot open the file ({exc.strerror})")
        ) from exc
    with fh:
        head, whole = read_head(fh)
        if not head.strip():
            raise FormatError(
                tr("fichier vide", "empty file"),
                path=name,
                hint=tr("donnez une liste d'arêtes ou une matrice", "give an edge list or a matrix"),
            )
        encoding = options.encoding or sniff_encoding(head, whole=whole)
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise UsageError(tr(f"encodage inconnu : {encoding}", f"unknown encoding: {encoding}")) from exc
        if b"\x00" in head and not encoding.startswith("utf-16"):
            raise _not_text(name, 1)
        fh.seek(0)
        lines = text_lines(fh, name, encoding)
        try:
            return parse_network(lines, name, options)
        finally:
            lines.close()  # detach the text wrapper while the file is still open


def parse_network(lines: Iterable[tuple[int, str]], name: str, options: ReadOptions | None = None) -> NetworkFile:
    """Parse numbered text lines (as from ``text_lines``) into a ``NetworkFile``."""
    options = options or ReadOptions()
    content = _content_lines(lines, name)
    first = next(content, None)
    if first is None:
        raise FormatError(tr("aucune ligne de données", "no data line"), path=name)
    delimiter = _sniff_delimiter(first[1])
    rows = _split(itertools.chain([first], content), delimiter)
    peeked = list(itertools.islice(rows, 2))
    kind = options.kind if options.kind != "auto" else _guess_kind(peeked[0], peeked[1] if len(peeked) > 1 else None)
    parser = _MatrixParser(name, options) if kind == "matrix" else _EdgeListParser(name, options, delimiter)
    notes = [_delimiter_note(delimiter)]
    graph = parser.parse(itertools.chain(peeked, rows))
    if graph.number_of_nodes() == 0:
        raise FormatError(tr("aucun nœud lu", "no node read"), path=name)
    return NetworkFile(
        path=name,
        graph=graph,
        kind=kind,
        directed=graph.is_directed(),
        weighted=parser.weighted,
        two_mode=options.two_mode and kind == "matrix",
        notes=(*notes, *parser.notes),
    )


def project_rows(network: NetworkFile) -> Any:
    """One-mode graph of a two-mode file's rows: two rows are tied by the columns they share.

    The tie ``weight`` is the number of shared columns (events attended together).
    """
    if not network.two_mode:
        return network.graph
    rows = [node for node, mode in network.graph.nodes(data="mode") if mode == "row"]
    return nx.bipartite.weighted_projected_graph(network.graph, rows)


Row = tuple[int, list[str]]


def _content_lines(lines: Iterable[tuple[int, str]], name: str) -> Iterator[tuple[int, str]]:
    """Non-blank, non-comment lines; control characters mean the file is not text at all."""
    for number, line in lines:
        if _CONTROL.search(line):
            raise _not_text(name, number)
        stripped = line.strip()
        if stripped and not stripped.startswith(("#", "%")):
            yield number, line


def _not_text(name: str, number: int) -> FormatError:
    return FormatError(
        tr("octets de contrôle : ce n'est pas un fichier texte", "control bytes: this is not a text file"),
        path=name,
        locator=f"line {number}",
        hint=tr(
            "exportez le réseau en CSV (liste d'arêtes ou matrice)",
            "export the network as CSV (edge list or matrix)",
        ),
    )


def _sniff_delimiter(line: str) -> str:
    """The most frequent of tab, semicolon and comma outside quotes; whitespace if none."""
    bare = _QUOTED.sub("", line)
    counts = {delimiter: bare.count(delimiter) for delimiter in ("\t", ";", ",")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else " "


def _delimiter_note(delimiter: str) -> str:
    shown = {"\t": "tab", ",": "comma", ";": "semicolon", " ": "whitespace"}[delimiter]
    return tr(f"séparateur : {shown}", f"delimiter: {shown}")


def _split(lines: Iterator[tuple[int, str]], delimiter: str) -> Iterator[Row]:
    for number, line in lines:
        if delimiter == " ":
            yield number, line.split()
        else:
            yield number, [field.strip() for field in next(csv.reader([line], delimiter=delimiter))]


def _guess_kind(row1: Row, row2: Row | None) -> Literal["edgelist", "matrix"]:
    """A matrix has an empty corner cell, or a wide first line over a line of numbers."""
    fields = row1[1]
    if len(fields) >= 3 and fields[0] in ("", '""'):
        return "matrix"
    wide = len(fields) >= 4 and row2 is not None and len(row2[1]) == len(fields)
    if wide and row2 is not None and all(_is_number(cell) for cell in row2[1][1:]):
        return "matrix"
    return "edgelist"


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def _number(text: str, name: str, number: int, what: str) -> float:
    """A non-negative finite weight; an empty matrix cell is 0."""
    cleaned = text.strip().replace(",", ".") if text.strip() else "0"
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise FormatError(
            tr(
                f"{what} : « {text[:40]} » n'est pas un poids (nombre positif ou nul)",
                f"{what}: '{text[:40]}' is not a weight (a number, zero or more)",
            ),
            path=name,
            locator=f"line {number}",
            hint=tr(
                "corrigez la valeur, ou indiquez le format avec --format",
                "fix the value, or give the format with --format",
            ),
        )
    return value


class _EdgeListParser:
    """Rows ``source, target[, weight]``; further columns are ignored (and said so)."""

    def __init__(self, name: str, options: ReadOptions, delimiter: str) -> None:
        self.name, self.options, self.delimiter = name, options, delimiter
        self.weighted = False
        self.notes: list[str] = []

    def parse(self, rows: Iterator[Row]) -> Any:
        graph: Any = nx.DiGraph() if self.options.directed else nx.Graph()
        weights: dict[tuple[str, str], float] = {}
        loops = repeats = zeros = extra = 0
        first = True
        for number, fields in rows:
            if first:
                first = False
                if self._is_header(fields):
                    self.notes.append(tr(f"ligne {number} : en-tête", f"line {number}: header"))
                    continue
            if len(fields) < 2 or not fields[0] or not fields[1]:
                raise FormatError(
                    tr(
                        "il faut deux libellés (et un poids facultatif)", "expected two labels (and an optional weight)"
                    ),
                    path=self.name,
                    locator=f"line {number}",
                    hint=tr("vérifiez le séparateur et le format", "check the delimiter and the format"),
                )
            source, target = fields[0], fields[1]
            weight = 1.0
            if len(fields) >= 3 and fields[2]:
                self.weighted = True
                weight = _number(fields[2], self.name, number, tr("poids", "weight"))
            extra += len(fields) > 3
            graph.add_node(source)
            graph.add_node(target)
            if source == target:
                loops += 1
                continue
            if weight == 0:
                zeros += 1
                continue
            key = (source, target) if self.options.directed or source <= target else (target, source)
            if key in weights:
                repeats += 1
                weight = _combine(weights[key], weight, self.options.duplicates)
            weights[key] = weight
        graph.add_weighted_edges_from((u, v, w) for (u, v), w in weights.items())
        self._note(loops, "boucles (a-a) ignorées", "self-loops (a-a) dropped")
        self._note(zeros, "lignes de poids 0 : pas de lien", "rows of weight 0: no tie")
        self._note(
            extra,
            "lignes à plus de 3 colonnes : colonnes en trop ignorées",
            "rows with over 3 columns: extra columns ignored",
        )
        if repeats:
            self.notes.append(
                tr(
                    f"{repeats} paires répétées, poids combinés par « {self.options.duplicates} »",
                    f"{repeats} repeated pairs, weights combined by '{self.options.duplicates}'",
                )
            )
        return graph

    def _is_header(self, fields: list[str]) -> bool:
        if self.options.header is not None:
            return self.options.header
        words = [field.lower() for field in fields[:3]]
        if len(words) >= 2 and words[0] in _HEADER_WORDS and words[1] in _HEADER_WORDS:
            return True
        # A third column that is not a number, on a file of weighted rows, names the column.
        return len(fields) >= 3 and not _is_number(fields[2])

    def _note(self, count: int, fr: str, en: str) -> None:
        if count:
            self.notes.append(f"{count} {tr(fr, en)}")


def _combine(old: float, new: float, how: Duplicates) -> float:
    if how == "sum":
        return old + new
    if how == "max":
        return max(old, new)
    return new


class _MatrixParser:
    """A first line of column labels, then one line per row: its label and one cell per column."""

    def __init__(self, name: str, options: ReadOptions) -> None:
        self.name, self.options = name, options
        self.weighted = False
        self.notes: list[str] = []

    def parse(self, rows: Iterator[Row]) -> Any:
        header_line, header = next(rows)
        columns = self._labels(header[1:], header_line)
        column_set = set(columns)
        cells: dict[str, list[float]] = {}
        lines: dict[str, int] = {}
        for number, fields in rows:
            if len(fields) != len(header):
                raise self._error(
                    number,
                    f"{len(fields) - 1} cellules, l'en-tête a {len(columns)} libellés (matrice irrégulière)",
                    f"{len(fields) - 1} cells, the header has {len(columns)} labels (ragged matrix)",
                )
            label = fields[0]
            if not label or label in cells:
                raise self._error(
                    number, f"libellé de ligne vide ou répété : « {label} »", f"empty or repeated row label '{label}'"
                )
            if not self.options.two_mode and label not in column_set:
                raise self._error(
                    number,
                    f"les libellés de ligne et de colonne diffèrent : « {label} » n'est pas une colonne",
                    f"row and column labels differ: '{label}' is not a column label",
                    hint=tr(
                        "une matrice personnes × événements se lit avec --two-mode",
                        "a persons × events matrix is read with --two-mode",
                    ),
                )
            what = tr("cellule", "cell")
            cells[label] = [
                _number(cell, self.name, number, f"{what} {label}/{col}")
                for cell, col in zip(fields[1:], columns, strict=True)
            ]
            lines[label] = number
        if not self.options.two_mode and len(cells) != len(columns):
            missing = [label for label in columns if label not in cells]
            raise self._error(
                header_line,
                f"{len(missing)} colonnes sans ligne : {', '.join(missing[:5])}",
                f"{len(missing)} columns have no row: {', '.join(missing[:5])}",
            )
        if self.options.two_mode:
            return self._two_mode(columns, cells, lines)
        return self._one_mode(columns, cells)

    def _labels(self, labels: list[str], number: int) -> list[str]:
        if not labels:
            raise self._error(number, "pas de libellés de colonne", "no column labels")
        if len(labels) > MAX_MATRIX_LABELS:
            raise UnsafeInputError(
                tr(f"matrice de {len(labels)} colonnes : trop grande", f"matrix of {len(labels)} columns: too large"),
                path=self.name,
                locator=f"line {number}",
                hint=tr("donnez le réseau en liste d'arêtes", "give the network as an edge list"),
            )
        seen: set[str] = set()
        for label in labels:
            if not label or label in seen:
                raise self._error(
                    number,
                    f"libellé de colonne vide ou répété : « {label} »",
                    f"empty or repeated column label '{label}'",
                )
            seen.add(label)
        return labels

    def _one_mode(self, labels: list[str], cells: dict[str, list[float]]) -> Any:
        index = {label: i for i, label in enumerate(labels)}
        directed = self.options.directed
        graph: Any = nx.DiGraph() if directed else nx.Graph()
        graph.add_nodes_from(labels)
        symmetric = all(cells[a][index[b]] == cells[b][index[a]] for a in labels for b in labels)
        loops = 0
        for source in labels:
            row = cells[source]
            for j, target in enumerate(labels):
                value = row[j]
                if value == 0:
                    continue
                self.weighted = self.weighted or value != 1
                if source == target:
                    loops += 1
                elif directed:
                    graph.add_edge(source, target, weight=value)
                elif index[source] < j:
                    back = cells[target][index[source]]
                    graph.add_edge(source, target, weight=value if symmetric else value + back)
                elif cells[target][index[source]] == 0:
                    graph.add_edge(source, target, weight=value)
        if loops:
            self.notes.append(tr(f"{loops} cellules diagonales ignorées", f"{loops} diagonal cells dropped"))
        if not directed and not symmetric:
            self.notes.append(
                tr(
                    "matrice non symétrique lue sans direction : poids = cellule a/b + cellule b/a",
                    "asymmetric matrix read as undirected: weight = cell a/b + cell b/a",
                )
            )
        return graph

    def _two_mode(self, columns: list[str], cells: dict[str, list[float]], lines: dict[str, int]) -> Any:
        graph: Any = nx.Graph()
        for label in cells:
            if label in columns:
                raise self._error(
                    lines[label],
                    f"« {label} » est à la fois ligne et colonne",
                    f"'{label}' is both a row and a column label",
                )
            graph.add_node(label, mode="row")
        graph.add_nodes_from(columns, mode="column")
        for label, row in cells.items():
            for column, value in zip(columns, row, strict=True):
                if value:
                    self.weighted = self.weighted or value != 1
                    graph.add_edge(label, column, weight=value)
        self.notes.append(
            tr(
                f"matrice à deux modes : {len(cells)} lignes × {len(columns)} colonnes",
                f"two-mode matrix: {len(cells)} rows × {len(columns)} columns",
            )
        )
        return graph

    def _error(self, number: int, fr: str, en: str, hint: str | None = None) -> FormatError:
        return FormatError(tr(fr, en), path=self.name, locator=f"line {number}", hint=hint)
