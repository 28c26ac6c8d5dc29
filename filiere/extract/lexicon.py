"""The lexicon: versioned TSV data files compiled into one Aho-Corasick automaton over folded text."""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick

from filiere.errors import FormatError
from filiere.extract.compiled import by_fields
from filiere.extract.figures import PRICED_COUNT, taken_mask
from filiere.extract.normalize import Folded, fold

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"
KINDS = ("product", "drug", "cue", "lookalike", "platform", "place", "trigger")
# The detectors a trigger row may wake up (``pipeline``): a code no detector reads would do nothing.
TRIGGERS = ("hours", "place", "unit", "cashtag")
FLAGS = ("weak", "case", "emoji", "prefix", "jargon", "unit", "police", "counted", "disguise", "mask")
COLUMNS = ("term", "kind", "code", "weight", "flags", "lang", "source")


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the lexicon; ``rule`` names it in evidence (kind, code, file and line)."""

    term: str
    kind: str
    code: str
    weight: int
    flags: frozenset[str]
    lang: str
    source: str
    rule: str
    upper: tuple[int, ...] = ()  # with flag ``case``: positions that must be capitals in the text
    # The flags read on every hit, as plain attributes (a set lookup per hit costs in the hot loop).
    weak: bool = False
    jargon: bool = False
    emoji: bool = False
    unit: bool = False
    police: bool = False
    counted: bool = False
    disguise: bool = False

    def __reduce__(self) -> tuple[type[Entry], tuple[Any, ...]]:
        return by_fields(self)


class Hit(NamedTuple):
    """A lexicon entry found in a text: ``start:end`` are offsets in the original text."""

    start: int
    end: int
    entry: Entry


def _parse_row(row: list[str], where: str, sources: dict[str, Any]) -> Entry:
    if len(row) != len(COLUMNS):
        raise FormatError(
            f"expected {len(COLUMNS)} tab-separated columns, found {len(row)}",
            path=where,
            hint="columns: " + ", ".join(COLUMNS),
        )
    term, kind, code, weight, flags, lang, source = (cell.strip() for cell in row)
    flag_set = frozenset(flag for flag in flags.split(",") if flag)
    problem = None
    if not term:
        problem = "empty term"
    elif kind not in KINDS:
        problem = f"unknown kind {kind!r} (one of {', '.join(KINDS)})"
    elif not weight.isdigit() or not 1 <= int(weight) <= 3:
        problem = f"weight {weight!r} is not 1, 2 or 3"
    elif not flag_set <= set(FLAGS):
        problem = f"unknown flags {sorted(flag_set - set(FLAGS))} (allowed: {', '.join(FLAGS)})"
    elif kind == "trigger" and code not in TRIGGERS:
        problem = f"unknown trigger {code!r} (one of {', '.join(TRIGGERS)})"
    elif "mask" in flag_set and kind != "lookalike":
        problem = "the flag mask is for look-alikes only"
    elif source not in sources:
        problem = f"source {source!r} is not declared in lexicon.toml [sources]"
    if problem:
        raise FormatError(problem, path=where, hint="fix the row in the lexicon file")
    rule = f"{kind}.{code} ({where.rsplit('/', 1)[-1]})"
    upper = tuple(i for i, char in enumerate(term) if char.isupper()) if "case" in flag_set else ()
    return Entry(
        term, kind, code, int(weight), flag_set, lang, source, rule, upper,
        "weak" in flag_set, "jargon" in flag_set, "emoji" in flag_set, "unit" in flag_set,
        "police" in flag_set, "counted" in flag_set, "disguise" in flag_set,
    )  # fmt: skip


def read_entries(directory: Path = LEXICON_DIR) -> tuple[str, tuple[Entry, ...]]:
    """The version and the rows of the lexicon in ``directory``; a bad row raises ``FormatError``."""
    manifest_path = directory / "lexicon.toml"
    try:
        manifest = tomllib.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise FormatError(str(exc), path=str(manifest_path), hint="restore lexicon.toml") from exc
    sources = manifest.get("sources", {})
    entries: list[Entry] = []
    for name in manifest["files"]:
        path = directory / name
        with path.open(encoding="utf-8", newline="") as fh:
            rows = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            for number, row in enumerate(rows, start=1):
                if not row or row[0].startswith("#") or row[0] == "term":
                    continue
                entries.append(_parse_row(row, f"{name}:{number}", sources))
    return str(manifest["version"]), tuple(entries)


class Lexicon:
    """The compiled lexicon: ``scan`` finds every entry in a folded text, bounded by words."""

    def __init__(self, version: str, entries: Iterable[Entry]) -> None:
        self.version = version
        self.entries = tuple(entries)
        grouped: dict[str, list[Entry]] = {}
        singles: dict[str, list[Entry]] = {}
        counted: dict[str, list[Entry]] = {}
        for entry in self.entries:
            if entry.counted:
                counted.setdefault(" ".join(fold(entry.term).split()), []).append(entry)
                continue
            written = fold(entry.term).strip()
            key = " ".join(written.split()) if "emoji" not in entry.flags else written
            if len(key) == 1 and key.isalpha():
                singles.setdefault(entry.term, []).append(entry)
                continue
            # Punctuation folds to a space: "parents' evening" is also looked for as written
            # ("parents  evening"), not only with its spaces collapsed.
            for variant in {key, written} if key else ():
                group = grouped.setdefault(variant, [])
                # "kéta" and "keta" fold alike: one entry per kind and code is enough.
                if not any(other.kind == entry.kind and other.code == entry.code for other in group):
                    group.append(entry)
        self._automaton: Any = ahocorasick.Automaton()
        for key, group in grouped.items():
            # Word boundaries matter only where the key itself starts or ends with a letter or digit
            # ("% off" may follow "20", an emoji may touch a word).
            self._automaton.add_word(key, (len(key), tuple(group), key[0].isalnum(), key[-1].isalnum()))
        self._automaton.make_automaton()
        # One-letter codes ("C", "H", "K") would match everywhere in an automaton: a regex on the
        # original text finds them standing alone, in capitals, not elided ("C'est").
        self._singles = {letter: tuple(group) for letter, group in singles.items()}
        letters = "".join(sorted(re.escape(letter) for letter in self._singles))
        self._single_re = re.compile(rf"[{letters}](?![\w'’-])") if letters else None
        # Codes read only right after a count, as couriers write orders ("2 w 1 b", "3 x £10 b",
        # "2 white 1 dark"): "b" or "white" alone means nothing. Read in the plain folded text.
        self._counted = {term: tuple(group) for term, group in counted.items()}
        words = "|".join(sorted(map(re.escape, self._counted), key=len, reverse=True))
        self._counted_re = re.compile(_COUNTED.format(words=words)) if words else None
        self._counted_one_re = re.compile(_COUNTED_ONE.format(words=words)) if words else None

    def scan(self, folded: Folded, original: str, digits: bool = True) -> list[Hit]:
        """Every entry found in ``folded`` (all its variants), word-bounded, deduplicated;
        ``digits`` False says the text has none (codes read after a count are not looked for)."""
        hits: list[Hit] = []
        add = hits.append
        regions = folded.regions
        # One byte a character, 1 in a rewritten region: most hits touch none and need no widening
        # (a scan of every region per hit was quadratic on long texts of many rewritten runs).
        rewritten = taken_mask(len(original) + 1, regions) if regions else None
        for variant in folded.variants:
            size = len(variant)
            for end, (length, group, bound_start, bound_end) in self._automaton.iter(variant):
                start = end - length + 1
                stop = end + 1
                if bound_start and start and variant[start - 1].isalnum():
                    continue
                after_ok = not bound_end or stop >= size or not variant[stop].isalnum()
                if not after_ok and variant[stop] in "sx":  # plural
                    after_ok = stop + 1 >= size or not variant[stop + 1].isalnum()
                if rewritten is not None and rewritten.find(1, start, stop) != -1:
                    start, stop = folded.widen(start, stop)
                for entry in group:
                    if entry.flags:
                        if not after_ok and "prefix" not in entry.flags:
                            continue
                        if entry.upper and not all(original[end - length + 1 + i].isupper() for i in entry.upper):
                            continue
                    elif not after_ok:
                        continue
                    add(_new_hit(Hit, (start, stop, entry)))
        if len(folded.variants) > 1:  # the same word seen in several variants counts once
            hits = list(dict.fromkeys(hits))
            add = hits.append  # the new list: hits added to the old one would be lost
        if self._single_re is not None:
            for match in self._single_re.finditer(original):
                at = match.start()
                if at and (original[at - 1].isalnum() or original[at - 1] in "_'’"):
                    continue
                for entry in self._singles.get(match.group(), ()):
                    add(_new_hit(Hit, (at, match.end(), entry)))
        if digits and self._counted_re is not None:
            hits = self._counted_codes(folded.variants[0], original, hits)
        if len(hits) > 1:
            # By start, the longest first among hits starting together: two sorts in C (both
            # stable) instead of a Python key function per hit.
            hits.sort(key=_END, reverse=True)
            hits.sort(key=_START)
        return hits

    def _counted_codes(self, folded: str, original: str, hits: list[Hit]) -> list[Hit]:
        """``hits`` with the codes read after a count ("2 w 1 b"), instead of the other readings of
        the same words ("white" is the couriers' code there, not also the colour of cocaine)."""
        assert self._counted_re is not None and self._counted_one_re is not None
        matches = list(self._counted_re.finditer(folded))
        if not matches:
            return hits
        matches += self._counted_one_re.finditer(folded)
        # A shop's list prices other words the same way ("2 dark for 5, 2 milk for 5"): its colours
        # priced by the count are chocolate, wine or paint, not codes.
        listed = any(m["w"] not in self._counted for m in PRICED_COUNT.finditer(folded))
        spans = set()
        for match in matches:
            if qualifies_next(original, match.end()):
                continue  # "2 white wines", "flat 3b Linden court": the word is an adjective
            if listed and _PRICED_AFTER.match(folded, match.end()):
                continue
            start, end = match.span("term")
            spans.add((start, end))
            hits.extend(Hit(start, end, entry) for entry in self._counted[match.group("term")])
        return [
            hit for hit in hits if hit.entry.counted or hit.entry.kind != "product" or (hit.start, hit.end) not in spans
        ]

    def embedded(self, value: str, start: int, end: int) -> list[Hit]:
        """Trade words inside an account name or link ("lafrappe.92", "t.me/ukplugmenu"), no word
        boundaries: strong product names, jargon, and the seller's own words ("plug", "centrale")."""
        found = []
        for _, (_, group, _, _) in self._automaton.iter(fold(value)):
            for entry in group:
                if len(entry.term) >= 4 and _names_trade(entry):
                    found.append(Hit(start, end, entry))
        return found


def _names_trade(entry: Entry) -> bool:
    if entry.kind == "product":
        return not entry.weak and entry.weight >= 3
    return entry.kind == "cue" and ("jargon" in entry.flags or (entry.code == "offer" and entry.weight >= 2))


# A count, with its "x" and the money it is worth ("2 x £20"), a space (never "4b": a flat), then a
# counted code, then an "s".
_COUNTED = r"\d(?<![\w.,]\d)\d{{0,2}}(?: ?x ?| )(?:[£$€] ?\d{{1,3}} )?(?:of |de |d )?(?P<term>{words})(?: ?s)?(?!\w)"
# "a w" beside "2 b": an article counts one, looked for only once a number has counted a code.
_COUNTED_ONE = r"a(?<![^ ]a)n? (?:of )?(?P<term>{words})(?: ?s)?(?!\w)"
_FOLLOWER = re.compile(r"[ \t]+([^\W\d_]{3,})")
_PRICED_AFTER = re.compile(r" (?:for|pour) [£$€]?\d")
# Words that may follow a counted code in an order; any other word makes the code an adjective.
COUNT_FOLLOWERS = frozenset(
    {
        "and", "pls", "please", "plz", "asap", "each", "for", "from", "inside", "ready", "then", "mate", "bro",
        "fam", "yeah", "innit", "tonight", "today", "now", "when", "the", "outside", "behind", "pour", "stp", "svp",
        "usual", "same", "round", "near", "cheers", "thanks", "bagged", "wrapped", "packed", "left", "sorted",
    }
)  # fmt: skip


def qualifies_next(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` is an adjective of the next one ("2 white wines", "2 brown
    loaves"): a word of three letters or more follows, and it is not one an order goes on with."""
    follower = _FOLLOWER.match(text, end)
    return follower is not None and follower.group(1).lower() not in COUNT_FOLLOWERS


# Hits are built as plain tuples of their class: a NamedTuple's own ``__new__`` is a Python-level
# call, and a message makes a dozen hits.
_new_hit = tuple.__new__
_START = itemgetter(0)
_END = itemgetter(1)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon shipped with filiere, compiled once per process."""
    version, entries = read_entries()
    return Lexicon(version, entries)
