"""Chat exports of the seized phones: WhatsApp (French Android ``.txt``) and Signal (text form).

WhatsApp lines read ``05/03/2024 21:14 - Nom: texte``; a message's extra lines follow on their
own. The courier's chat with the dispatcher is cut to an exact line count, day by day, so an
integer scale gives exactly that many lines.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from filiere.demo.chat_courier import ChatMessage, CourierChat
from filiere.demo.chat_customer import CustomerChat
from filiere.demo.story import Story
from filiere.demo.telegram import budgets
from filiere.demo.truth import Truth

E2E = (
    "Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même WhatsApp, "
    "ne peut les lire ou les écouter. Appuyez pour en savoir plus."
)
COURIER_CHAT = "telephone_livreur/whatsapp/Discussion WhatsApp avec {name}.txt"
FAMILY_CHAT = "telephone_livreur/whatsapp/Discussion WhatsApp avec Famille.txt"
SIGNAL_CHAT = "telephone_client/signal/{name}.txt"
FAMILY_TALK = (
    "Qui rentre manger ce soir ?", "Pensez à l'anniversaire de mamie dimanche 🎂", "Je suis au marché, il manque ?",
    "Bisous à tous ❤️", "Quelqu'un a vu mes clés ?", "Bien arrivés ?", "On mange à 20h", "Appelle ta grand-mère stp",
    "Regardez, 2e pizza offerte chez Pizza Top ce soir 🍕 on commande ?",
    "Ils recrutent des livreurs à vélo chez LivRapide, 12€ de l'heure + pourboires, ça t'intéresse ?",
    "Le colis Amazon est arrivé, je l'ai mis dans ta chambre", "Demain je fais un couscous 😋",
)  # fmt: skip


def _day_messages(chat: CourierChat, day: int, share: int, rng: random.Random) -> list[ChatMessage]:
    """Messages of one day filling exactly ``share`` lines, in time order."""
    pulled, used = [], 0
    for message in chat.day(day, rng):
        pulled.append(message)
        used += message.lines
        if used >= share:
            break
    pulled.sort(key=lambda m: m.ts)
    chosen, left = [], share
    for message in pulled:
        if message.lines <= left:
            chosen.append(message)
            left -= message.lines
    last = chosen[-1].ts if chosen else pulled[-1].ts
    chosen += [chat.filler(last + 60 * (i + 1), rng) for i in range(left)]
    return chosen


class WhatsAppFile:
    """Writes one French Android WhatsApp export and reports its trade messages."""

    def __init__(self, story: Story, truth: Truth, root: Path, relative: str) -> None:
        self.story, self.truth, self.relative = story, truth, relative
        self.path = root / relative
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.line = 0
        self.messages = 0
        self.system = 0

    def system_line(self, out: list[str], ts: int, text: str) -> None:
        out.append(f"{self.story.clock.whatsapp(ts)} - {text}\n")
        self.line += 1
        self.messages += 1
        self.system += 1

    def message(self, out: list[str], message: ChatMessage) -> None:
        out.append(f"{self.story.clock.whatsapp(message.ts)} - {message.sender}: {message.text}\n")
        self.messages += 1
        if message.categories:
            self.truth.trade(self.relative, "line", self.line + 1, message.categories, message.products, message.text)
        self.line += message.lines

    def done(self) -> None:
        self.truth.file(self.relative, "whatsapp_txt", messages=self.messages, system=self.system, lines=self.line)


def write_courier_chat(story: Story, truth: Truth, root: Path, lines: int) -> None:
    """The courier's chat with the dispatcher: exactly ``lines`` lines."""
    chat = CourierChat(story)
    export = WhatsAppFile(story, truth, root, COURIER_CHAT.format(name=chat.boss))
    days = list(range(story.days))
    shares = budgets(lines - 1, days, lambda d: 1.0 if story.works(d) else 0.35)
    with export.path.open("w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        chunk: list[str] = []
        export.system_line(chunk, story.midnight(0) + 8 * 3600 + 420, E2E)
        for day, share in zip(days, shares, strict=True):
            if share:
                for message in _day_messages(chat, day, share, story.rng("whatsapp", day)):
                    export.message(chunk, message)
            out.write("".join(chunk))
            chunk.clear()
    export.done()


def write_family_chat(story: Story, truth: Truth, root: Path) -> None:
    """The courier's family group: ordinary talk, a pizza promo and a delivery job ad (no trade)."""
    export = WhatsAppFile(story, truth, root, FAMILY_CHAT)
    # Members show under the names the courier saved them with.
    sibling = story.cast.other("courier_sibling").name.split()[0]
    speakers = ("Maman", sibling, story.cast.couriers[0].whatsapp_names[0])
    rng = story.rng("family")
    chunk: list[str] = []
    start = story.midnight(0) + 9 * 3600
    export.system_line(chunk, start, E2E)
    export.system_line(chunk, start, f'{speakers[0]} a créé le groupe "Famille"')
    export.system_line(chunk, start, f"{speakers[0]} vous a ajouté")
    for day in range(1, story.days):
        base = story.midnight(day)
        times = sorted(base + rng.randrange(8 * 3600, 23 * 3600) for _ in range(rng.randrange(0, 5)))
        for ts in times:
            text = "<Médias omis>" if rng.random() < 0.08 else rng.choice(FAMILY_TALK)
            export.message(chunk, ChatMessage(ts, rng.choice(speakers), text))
    export.path.write_text("".join(chunk), encoding="utf-8", newline="\n")
    export.done()


def _signal_lines(story: Story, messages: Iterator[ChatMessage]) -> Iterator[tuple[ChatMessage, str]]:
    for message in messages:
        yield message, f"[{story.clock.signal(message.ts)}] {message.sender}: {message.text}\n"


def write_signal_chats(story: Story, truth: Truth, root: Path) -> None:
    """The customer's Signal chats: the first order line, then its replacement."""
    chat = CustomerChat(story)
    for new_line in (False, True):
        name = "Plug nouveau" if new_line else "Le Plug"
        relative = SIGNAL_CHAT.format(name=name)
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        line, count, chunk = 0, 0, []
        for message, text in _signal_lines(story, chat.conversation(new_line)):
            chunk.append(text)
            count += 1
            if message.categories:
                truth.trade(relative, "line", line + 1, message.categories, message.products, message.text)
            line += message.lines
        path.write_text("".join(chunk), encoding="utf-8", newline="\n")
        truth.file(relative, "signal_txt", messages=count, lines=line)
