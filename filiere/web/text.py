"""Evidence text made safe to show: escaped, hidden controls made visible, hits and detections marked.

Message text is hostile by nature: markup, ``javascript:`` links, spreadsheet formulas, and
right-to-left overrides that make a line read backwards. Every function here escapes first and only
then adds markup of its own, and shows bidirectional and control characters as visible tokens
(``⟨U+202E⟩``) so the investigator sees exactly what was written.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape

from filiere.store.search import MARK_CLOSE, MARK_OPEN

# Bidirectional controls, C0/C1 controls (tab and new line excepted), and the byte-order mark.
_HIDDEN = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _token(match: re.Match[str]) -> str:
    code = f"U+{ord(match.group()):04X}"
    return f'<span class="ctl" title="{code}">⟨{code}⟩</span>'


def visible(text: str) -> Markup:
    """``text`` escaped, with hidden characters shown as tokens."""
    return Markup(_HIDDEN.sub(_token, str(escape(text))))


def highlighted(text: str) -> Markup:
    """Search highlights (private-use markers from the store) as ``<mark>``, everything else escaped."""
    parts: list[str] = []
    inside = False
    for piece in re.split(f"([{MARK_OPEN}{MARK_CLOSE}])", text):
        if piece == MARK_OPEN:
            inside = True
        elif piece == MARK_CLOSE:
            inside = False
        elif piece:
            shown = str(visible(piece))
            parts.append(f"<mark>{shown}</mark>" if inside else shown)
    return Markup("".join(parts))


def _valid_spans(text: str, evidence: Iterable[Any]) -> list[tuple[int, int, str]]:
    spans = []
    for item in evidence:
        if not isinstance(item, Mapping):
            continue
        start, end, rule = item.get("start"), item.get("end"), str(item.get("rule") or "")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
            continue
        quoted = item.get("text")
        # A span whose quoted words are not at its offsets was computed on another text: leave it out.
        if isinstance(quoted, str) and quoted and text[start:end] != quoted:
            continue
        spans.append((start, end, rule))
    return spans


def with_evidence(text: str, evidence: Iterable[Any]) -> Markup:
    """``text`` with each detection span in ``<mark class="ev" title="rules">``; overlapping spans merge."""
    spans = _valid_spans(text, evidence)
    if not spans:
        return visible(text)
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    parts: list[str] = []
    for start, end in itertools.pairwise(cuts):
        rules = sorted({rule for s, e, rule in spans if s <= start and end <= e and rule})
        covered = any(s <= start and end <= e for s, e, _ in spans)
        shown = str(visible(text[start:end]))
        if covered:
            title = escape(", ".join(rules))
            parts.append(f'<mark class="ev" title="{title}">{shown}</mark>')
        else:
            parts.append(shown)
    return Markup("".join(parts))
