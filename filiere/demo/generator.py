"""Generate a complete fictional case: every seized export plus ``truth.json``, from a seed.

The case is written into a fresh folder beside the target and moved into place at the end, so a
failed run leaves nothing half-written, and a previous demo folder is only replaced on request.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filiere.demo.cast import Actor, Line
from filiere.demo.cdr import write_cdr
from filiere.demo.chats import write_courier_chat, write_family_chat, write_signal_chats
from filiere.demo.comms import Network
from filiere.demo.media import identicon
from filiere.demo.phone_files import write_calls, write_sms, write_vcard
from filiere.demo.scale import Scale, parse_scale
from filiere.demo.story import Story
from filiere.demo.telegram import ChannelWriter
from filiere.demo.truth import Truth
from filiere.errors import UsageError
from filiere.i18n import tr

GENERATOR = "filiere demo"
VERSION = 1


@dataclass(frozen=True, slots=True)
class DemoResult:
    """What was written: the folder, its size and the main counts."""

    path: Path
    seed: int
    scale: str
    files: int
    bytes: int
    telegram_messages: int
    whatsapp_lines: int
    trade_messages: int


def generate(out: Path | str, seed: int = 1, scale: Scale | str = "small", force: bool = False) -> DemoResult:
    """Write the demo case for ``seed`` and ``scale`` into ``out`` (same seed, same bytes)."""
    chosen = parse_scale(scale) if isinstance(scale, str) else scale
    target = Path(out).resolve()  # "." has no name to build a sibling work folder from
    _check_target(target, force)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        result = _write(work, seed, chosen)
        if target.exists():
            shutil.rmtree(target)  # checked above: empty, or a previous demo with --force
        work.rename(target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return dataclasses.replace(result, path=target)


def _check_target(target: Path, force: bool) -> None:
    if not target.exists():
        return
    if not target.is_dir():
        raise UsageError(
            tr(f"{target} existe et n'est pas un dossier", f"{target} exists and is not a folder"),
            hint=tr("choisissez un autre dossier de sortie", "choose another output folder"),
        )
    if not any(target.iterdir()):
        return
    if force and _previous_demo(target):
        return
    raise UsageError(
        tr(f"le dossier {target} n'est pas vide", f"the folder {target} is not empty"),
        hint=tr(
            "choisissez un dossier vide, ou --force pour remplacer un cas de démonstration précédent",
            "choose an empty folder, or --force to replace a previous demo case",
        ),
    )


def _previous_demo(target: Path) -> bool:
    """Whether ``target`` holds a case this generator wrote (the only kind --force may replace)."""
    try:
        with (target / "truth.json").open(encoding="utf-8") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return f'"name": "{GENERATOR}"' in head


def _write(root: Path, seed: int, scale: Scale) -> DemoResult:
    story = Story(seed, scale)
    truth = Truth(root, story.clock)
    images = [identicon(story.rng("image", index)) for index in range(8)]
    first, second = story.cast.channels
    first_days = first.last_day - first.first_day + 1
    second_days = second.last_day - second.first_day + 1
    first_share = max(3, round(scale.telegram_messages * first_days / (first_days + second_days)))
    telegram = ChannelWriter(story, truth, root, first, dict(enumerate(images[:6]))).write(first_share)
    later = {index: images[index] for index in range(2, 8)}  # four pictures reappear after the ban
    telegram += ChannelWriter(story, truth, root, second, later).write(scale.telegram_messages - first_share)

    write_courier_chat(story, truth, root, scale.whatsapp_lines)
    write_family_chat(story, truth, root)
    write_signal_chats(story, truth, root)
    events = Network(story).events()
    write_sms(story, truth, root, events)
    write_calls(story, truth, root, events)
    write_vcard(story, truth, root)
    cdr_files = {line.phone: write_cdr(story, truth, root, line, events) for line in story.cast.lines}
    truth.finish(_head(story, cdr_files, _shared_media(root)))

    files = [p for p in root.rglob("*") if p.is_file()]
    return DemoResult(
        root,
        seed,
        scale.name,
        len(files),
        sum(p.stat().st_size for p in files),
        telegram,
        scale.whatsapp_lines,
        truth.trade_count,
    )


def _shared_media(root: Path) -> list[dict[str, Any]]:
    """Pictures whose bytes appear in more than one channel export: they tie the channels."""
    seen: dict[str, list[str]] = {}
    for path in sorted((root / "telegram").glob("*/photos/*.jpg")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        seen.setdefault(digest, []).append(path.relative_to(root).as_posix())
    shared = []
    for digest, paths in sorted(seen.items()):
        channels = {p.split("/")[1] for p in paths}
        if len(channels) > 1:
            shared.append({"sha256": digest, "channels": sorted(channels), "files": paths})
    return shared


def _identifiers(actor: Actor) -> dict[str, list[str]]:
    return {
        "phones": actor.phones,
        "handles": actor.handles,
        "telegram_ids": actor.telegram,
        "telegram_names": actor.telegram_names,
        "whatsapp_names": actor.whatsapp_names,
        "signal_names": actor.signal_names,
        "imeis": actor.imeis,
        "imsis": actor.imsis,
    }


def _keys(actor: Actor) -> list[str]:
    """The actor's identifiers as typed keys (``phone:+33…``, ``whatsapp:name:Dispatch``)."""
    keys = [f"phone:{p}" for p in actor.phones] + [f"telegram:{t}" for t in actor.telegram]
    keys += [f"telegram:{h}" for h in actor.handles if h.startswith("@")]
    keys += [f"telegram:name:{n}" for n in actor.telegram_names]
    keys += [f"whatsapp:name:{n}" for n in actor.whatsapp_names] + [f"signal:name:{n}" for n in actor.signal_names]
    return keys + [f"imei:{i}" for i in actor.imeis]


def _head(story: Story, cdr_files: dict[str, str], shared: list[dict[str, Any]]) -> dict[str, Any]:
    cast, clock = story.cast, story.clock
    order, new, personal = cast.order_line.phone, cast.new_order_line.phone, cast.personal_line.phone

    def line(item: Line, status: str) -> dict[str, Any]:
        return {
            "phone": item.phone,
            "actor": item.actor,
            "imei": item.imei,
            "imsi": item.imsi,
            "status": status,
            "first_day": story.date(item.first_day).isoformat(),
            "last_day": story.date(item.last_day).isoformat(),
            "file": cdr_files[item.phone],
        }

    same_person = [
        {"actor": a.id, "identifiers": _keys(a)}
        for a in (cast.dispatcher, cast.advertiser, cast.couriers[0], cast.customers[0])
    ]
    return {
        "about": "Cas entièrement fictif : noms, comptes et numéros inventés (plages ARCEP réservées à la fiction).",
        "generator": {"name": GENERATOR, "version": VERSION, "seed": story.seed, "scale": story.scale.name},
        "timezone": clock.tz_name,
        "period": {"start": story.start.isoformat(), "end": story.date(story.days - 1).isoformat(), "days": story.days},
        "seizure": clock.iso(story.seizure_ts),
        "actors": [
            {"id": a.id, "name": a.name, "role": a.role, "identifiers": _identifiers(a), "referred_by": a.referred_by}
            for a in cast.actors
        ],
        "same_person": same_person,
        "lines": [
            line(cast.order_line, "burned"),
            line(cast.personal_line, "active"),
            line(cast.new_order_line, "replacement"),
            line(cast.courier_line, "active"),
        ],
        "line_links": {
            "same_handset": [[order, new]],
            "move_together": [[personal, order], [personal, new]],
            "never_call_each_other": [[personal, order], [personal, new]],
            "replaced": [{"old": order, "new": new, "date": story.date(cast.new_order_line.first_day).isoformat()}],
        },
        "channels": [
            {
                "order": c.order,
                "telegram_id": c.telegram_id,
                "from_id": f"channel{c.telegram_id}",
                "title": c.title,
                "final_title": c.final_title,
                "username": f"@{c.username}",
                "file": f"telegram/{c.username}/result.json",
                "first_day": story.date(c.first_day).isoformat(),
                "last_day": story.date(c.last_day).isoformat(),
                "fate": c.fate,
            }
            for c in cast.channels
        ],
        "shared_media": shared,
    }


def dumps_summary(result: DemoResult) -> str:
    """A one-object JSON summary of a run (for scripts)."""
    return json.dumps({**dataclasses.asdict(result), "path": str(result.path)}, ensure_ascii=False)
