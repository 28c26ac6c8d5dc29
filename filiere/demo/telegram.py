"""Telegram Desktop channel exports (``result.json``, single-chat form) of the demo's channels.

The layout is Telegram Desktop's own: one-space indentation per level, keys in its order, dates
as local wall-clock plus ``date_unixtime`` strings, text as a string or a list of parts, no final
newline. Messages are formatted with string templates and streamed, so a million posts stay fast
and memory stays flat.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

from filiere.demo.cast import Channel
from filiere.demo.catalogue import BY_CODE
from filiere.demo.channel_posts import Post, PostMaker
from filiere.demo.story import Story
from filiere.demo.truth import Truth

NOT_INCLUDED = "(File not included. Change data exporting settings to download.)"
_enc: Callable[[str], str] = json.encoder.encode_basestring
Image = tuple[bytes, int, int]

# Regular posts and how often each kind appears.
KINDS = ("menu", "promo", "service", "handoff", "verification", "payment", "arrival", "reminder", "review", "noise")
CUMULATIVE = tuple(itertools.accumulate((28, 12, 10, 7, 5, 4, 13, 6, 7, 8)))


def _entity(kind: str, text: str, href: str | None) -> str:
    link = "" if href is None else f',\n     "href": {_enc(href)}'
    return f'    {{\n     "type": "{kind}",\n     "text": {_enc(text)}{link}\n    }}'


def text_fields(parts: list[tuple[str, str, str | None]]) -> tuple[str, str]:
    """The ``text`` and ``text_entities`` values of a message at Telegram's nesting depth."""
    if not parts:
        return '""', "[]"
    objects = [_entity(*part) for part in parts]
    entities = "[\n" + ",\n".join(objects) + "\n   ]"
    if len(parts) == 1 and parts[0][0] == "plain":
        return _enc(parts[0][1]), entities
    items = [f"    {_enc(part[1])}" if part[0] == "plain" else obj for part, obj in zip(parts, objects, strict=True)]
    return "[\n" + ",\n".join(items) + "\n   ]", entities


def render(fields: list[tuple[str, str]]) -> str:
    """A message object from pre-serialised values, at the depth of ``messages`` items."""
    return "{\n" + ",\n".join(f'   "{key}": {value}' for key, value in fields) + "\n  }"


def budgets(total: int, days: list[int], weight: Callable[[int], float]) -> list[int]:
    """Split ``total`` over ``days`` in proportion to ``weight``, summing exactly to ``total``."""
    weights = [weight(day) for day in days]
    scale = total / sum(weights)
    result, done, acc = [], 0, 0.0
    for w in weights:
        acc += w * scale
        share = round(acc) - done
        result.append(share)
        done += share
    return result


class ChannelWriter:
    """Writes one channel's export folder and reports its trade posts to the truth."""

    def __init__(self, story: Story, truth: Truth, root: Path, channel: Channel, images: dict[int, Image]) -> None:
        self.story, self.truth, self.channel, self.images = story, truth, channel, images
        self.folder = root / "telegram" / channel.username
        self.relative = f"telegram/{channel.username}/result.json"
        self.rng = story.rng("telegram", channel.order)
        backup = story.cast.channels[-1].username
        self.maker = PostMaker(story.rng("posts", channel.order), story.prices, backup)
        self.from_id = _enc(f"channel{channel.telegram_id}")
        self.name = _enc(channel.final_title)
        self.next_id = 1
        self.last_menu = 0
        self.photos = 0
        self.photo_week = -1
        self.service = 0

    def write(self, total: int) -> int:
        """Write ``total`` messages; returns the count written."""
        self.folder.mkdir(parents=True, exist_ok=True)
        days = list(range(self.channel.first_day, self.channel.last_day + 1))
        count = 0
        with (self.folder / "result.json").open("w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
            out.write(f'{{\n "name": {self.name},\n "type": "public_channel",\n "id": {self.channel.telegram_id},\n')
            out.write(' "messages": [')
            for text in self._messages(days, total):
                out.write("\n  " if count == 0 else ",\n  ")
                out.write(text)
                count += 1
            out.write("\n ]\n}")
        self.truth.file(
            self.relative,
            "telegram_json",
            messages=count,
            service=self.service,
            channel_id=self.channel.telegram_id,
            photos=self.photos,
        )
        return count

    def _messages(self, days: list[int], total: int) -> Iterator[str]:
        story, rng = self.story, self.rng
        pending: deque[Callable[[int], str]] = deque()
        shares = budgets(total, days, lambda d: 1.4 if story.date(d).weekday() in (4, 5) else 1.0)
        for day, share in zip(days, shares, strict=True):
            pending.extend(self._specials(day))
            base = story.midnight(day)
            times = sorted(base + rng.randrange(11 * 3600, 23 * 3600 + 2_700) for _ in range(share))
            for ts in times:
                yield pending.popleft()(ts) if pending else self._post(ts, self._regular(day))

    def _specials(self, day: int) -> Iterator[Callable[[int], str]]:
        """Posts a day must carry: creation, the backup notice, comeback, new number, prices."""
        story, maker, channel = self.story, self.maker, self.channel
        phone = story.order_line(day).phone
        if day == channel.first_day:
            yield lambda ts: self._service(ts, "create_channel", ("title", _enc(channel.title)))
            if channel.order > 1:
                yield lambda ts: self._post(ts, maker.comeback(phone))
                yield lambda ts: self._service(ts, "pin_message", ("message_id", str(self.next_id - 1)))
        if channel.order == 1 and day in (story.ban_day // 2, story.ban_day - 1):
            yield lambda ts: self._post(ts, maker.backup_notice())
        if (
            channel.order > 1
            and day == (channel.first_day + channel.last_day) // 2
            and channel.title != channel.final_title
        ):
            yield lambda ts: self._service(ts, "edit_group_title", ("title", self.name))
        if day == story.burn_day and day > channel.first_day:
            yield lambda ts: self._post(ts, maker.new_number(phone))
        for code, old, new in story.prices.changes_on(day):
            yield self._later(functools.partial(maker.price_change, code, old, new))
        for code in story.prices.launches_on(day):
            yield self._later(functools.partial(maker.launch, day, code))

    def _later(self, build: Callable[[], Post]) -> Callable[[int], str]:
        """A post composed when its time comes (its id and date are only known then)."""
        return lambda ts: self._post(ts, build())

    def _regular(self, day: int) -> Post:
        kind = KINDS[bisect.bisect(CUMULATIVE, self.rng.random() * CUMULATIVE[-1])]
        if kind == "reminder" and not self.last_menu:
            kind = "noise"
        return self.maker.regular(kind, day, self.story.order_line(day).phone)

    def _new_id(self) -> int:
        if self.next_id > 2 and self.rng.random() < 0.03:  # posts deleted before the export
            self.next_id += self.rng.randrange(1, 4)
        message_id = self.next_id
        self.next_id += 1
        return message_id

    def _head(self, message_id: int, kind: str, ts: int) -> list[tuple[str, str]]:
        date = self.story.clock.telegram(ts)
        return [("id", str(message_id)), ("type", f'"{kind}"'), ("date", f'"{date}"'), ("date_unixtime", f'"{ts}"')]

    def _service(self, ts: int, action: str, extra: tuple[str, str]) -> str:
        self.service += 1
        fields = self._head(self._new_id(), "service", ts)
        fields += [("actor", self.name), ("actor_id", self.from_id), ("action", f'"{action}"'), extra]
        return render([*fields, ("text", '""'), ("text_entities", "[]")])

    def _post(self, ts: int, post: Post) -> str:
        message_id = self._new_id()
        pieces = [
            f'{{\n   "id": {message_id},\n   "type": "message",\n   "date": "{self.story.clock.telegram(ts)}",\n'
            f'   "date_unixtime": "{ts}",\n'
        ]
        if post.products and post.categories[:1] == ("offer",) and self.rng.random() < 0.08:
            edited = ts + self.rng.randrange(60, 1_800)
            pieces.append(f'   "edited": "{self.story.clock.telegram(edited)}",\n   "edited_unixtime": "{edited}",\n')
        pieces.append(f'   "from": {self.name},\n   "from_id": {self.from_id},\n')
        if post.forwarded:
            author = self.rng.choice(self.story.cast.customers).telegram_names[0]
            pieces.append(f'   "forwarded_from": {_enc(author)},\n')
        if post.reply_to_menu:
            pieces.append(f'   "reply_to_message_id": {self.last_menu},\n')
        pieces += [f'   "{key}": {value},\n' for key, value in self._media(ts, post)]
        if post.rendered is None:
            post.rendered = (*text_fields(post.parts), _enc(post.text))
        text, entities, truth_text = post.rendered
        pieces.append(f'   "text": {text},\n   "text_entities": {entities}\n  }}')
        if len(post.prices) > 1:
            self.last_menu = message_id
        if post.categories:
            self.truth.trade_json(self.relative, "id", message_id, post.categories, post.products, truth_text)
            for code, price in post.prices:
                self.truth.price_seen(code, ts, price, BY_CODE[code].unit, f"{self.relative}#{message_id}")
        return "".join(pieces)

    def _media(self, ts: int, post: Post) -> list[tuple[str, str]]:
        week = (ts - self.story.midnight(0)) // (7 * 86_400)
        if post.photo or (len(post.prices) > 1 and week != self.photo_week):
            self.photo_week = week
            self.photos += 1
            keys = sorted(self.images)
            key = keys[0] if post.photo else self.rng.choice(keys)
            data, width, height = self.images[key]
            name = f"photos/photo_{self.photos}@{self.story.clock.photo(ts)}.jpg"
            (self.folder / "photos").mkdir(exist_ok=True)
            (self.folder / name).write_bytes(data)
            return [("photo", f'"{name}"'), ("width", str(width)), ("height", str(height))]
        if post.video:
            return [
                ("file", f'"{NOT_INCLUDED}"'),
                ("thumbnail", f'"{NOT_INCLUDED}"'),
                ("media_type", '"video_file"'),
                ("mime_type", '"video/mp4"'),
                ("duration_seconds", str(self.rng.randrange(5, 40))),
                ("width", "720"),
                ("height", "1280"),
            ]
        return []
