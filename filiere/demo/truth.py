"""``truth.json``: what an investigator should find in the generated case.

Trade messages can number in the hundreds of thousands, so writers stream them to a side file as
they go and ``finish`` splices that file into ``truth.json``; memory stays flat whatever the scale.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from filiere.demo.clock import Clock

CATEGORIES = ("offer", "promo", "service", "handoff", "order", "logistics", "verification", "payment")
_encode = json.encoder.encode_basestring


class Truth:
    """Collects the ground truth while the writers run, then writes ``truth.json``."""

    def __init__(self, root: Path, clock: Clock) -> None:
        self.root = root
        self.clock = clock
        self._side_path = root / ".trade.jsonl"
        self._side = self._side_path.open("w", encoding="utf-8", newline="\n")
        self._lists: dict[tuple[str, ...], str] = {}
        self.trade_count = 0
        self.files: list[dict[str, Any]] = []
        self.prices: list[dict[str, Any]] = []
        self._last_price: dict[str, int] = {}

    def _list(self, items: Sequence[str]) -> str:
        key = tuple(items)
        found = self._lists.get(key)
        if found is None:
            found = self._lists[key] = json.dumps(list(items), ensure_ascii=False)
        return found

    def trade(
        self,
        file: str,
        key: str,
        value: int,
        categories: Sequence[str],
        products: Sequence[str],
        text: str,
    ) -> None:
        """A trade message: ``key`` is ``id`` (Telegram) or ``line`` (1-based, text and XML)."""
        self.trade_json(file, key, value, categories, products, _encode(text))

    def trade_json(
        self,
        file: str,
        key: str,
        value: int,
        categories: Sequence[str],
        products: Sequence[str],
        text_json: str,
    ) -> None:
        """``trade`` with the text already JSON-encoded (writers that reuse texts encode them once)."""
        self._side.write(",\n  " if self.trade_count else "\n  ")
        self.trade_count += 1
        self._side.write(
            f'{{"file": {_encode(file)}, "{key}": {value}, "categories": {self._list(categories)}, '
            f'"products": {self._list(products)}, "text": {text_json}}}'
        )

    def file(self, path: str, fmt: str, **counts: Any) -> None:
        """A written evidence file, its format name and record counts."""
        self.files.append({"path": path, "format": fmt, **counts})

    def price_seen(self, product: str, ts: int, price: int, unit: str, where: str) -> None:
        """A menu shows ``price``: recorded when it differs from the last one shown for ``product``."""
        if self._last_price.get(product) == price:
            return
        self._last_price[product] = price
        self.prices.append(
            {
                "product": product,
                "date": self.clock.day(ts),
                "price": price,
                "unit": unit,
                "currency": "EUR",
                "first_seen": where,
            }
        )

    def finish(self, head: dict[str, Any]) -> Path:
        """Write ``truth.json``: ``head`` pretty-printed, then the trade messages one per line."""
        self._side.close()
        head = {**head, "prices": self.prices, "files": self.files, "trade_count": self.trade_count}
        text = json.dumps(head, ensure_ascii=False, indent=1)
        path = self.root / "truth.json"
        with path.open("w", encoding="utf-8", newline="\n") as out:
            out.write(text[: text.rindex("}")].rstrip() + ',\n "trade_messages": [')
            with self._side_path.open(encoding="utf-8") as side:
                shutil.copyfileobj(side, out, 1 << 22)
            out.write("\n ]\n}\n")
        self._side_path.unlink()
        return path
