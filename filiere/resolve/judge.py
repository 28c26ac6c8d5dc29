"""Investigators' judgements on identities: confirm or reject a link, split an actor.

A judgement is stored with who and when, logged in custody, and applied by every later analysis:
a rejected pair is never merged again, a confirmed pair always is. Splitting an actor is rejecting
the pairs that join the identifiers taken out to the ones that stay.
"""

from __future__ import annotations

from datetime import UTC, datetime

from filiere.case import Case, current_actor
from filiere.errors import UsageError
from filiere.i18n import tr
from filiere.store import actors as store

DECISIONS = ("confirm", "reject")


def _check(case: Case, identifier: str) -> None:
    if not store.known_identifier(case.conn, identifier):
        raise UsageError(
            tr(f"identifiant inconnu : {identifier}", f"unknown identifier: {identifier}"),
            hint=tr("voir « filiere actors DOSSIER --json » (lancez d'abord « filiere analyze »)",
                    "see 'filiere actors DIR --json' (run 'filiere analyze' first)"),
        )  # fmt: skip


def judge(case: Case, decision: str, a: str, b: str, *, note: str | None = None, user: str | None = None) -> None:
    """Record that identifiers ``a`` and ``b`` are (confirm) or are not (reject) the same actor."""
    if decision not in DECISIONS:
        raise UsageError(tr(f"décision inconnue : {decision}", f"unknown decision: {decision}"))
    if a == b:
        raise UsageError(tr("les deux identifiants sont les mêmes", "both identifiers are the same"))
    _check(case, a)
    _check(case, b)
    user = user or current_actor()
    with case.transaction() as tx:
        store.add_judgement(tx, _now(), user, decision, a, b, note)
        case.log(user, f"judgement.{decision}", {"a": a, "b": b, "note": note})


def judge_link(case: Case, decision: str, link_id: int, *, note: str | None = None, user: str | None = None) -> None:
    pair = store.link_by_id(case.conn, link_id)
    if pair is None:
        raise UsageError(tr(f"lien inconnu : {link_id}", f"unknown link: {link_id}"))
    judge(case, decision, pair[0], pair[1], note=note, user=user)


def split(case: Case, actor_id: int, out: list[str], *, note: str | None = None, user: str | None = None) -> int:
    """Take ``out`` out of actor ``actor_id``; return the number of pairs rejected."""
    members = store.identifiers_of(case.conn, actor_id)
    if not members:
        raise UsageError(tr(f"acteur inconnu : {actor_id}", f"unknown actor: {actor_id}"))
    strangers = [i for i in out if i not in members]
    if strangers:
        raise UsageError(tr(f"{strangers[0]} n'appartient pas à l'acteur {actor_id}",
                            f"{strangers[0]} does not belong to actor {actor_id}"))  # fmt: skip
    stay = [m for m in members if m not in out]
    if not out or not stay:
        raise UsageError(tr("il faut séparer une partie des identifiants, pas aucun ni tous",
                            "split off some identifiers, not none nor all"))  # fmt: skip
    user = user or current_actor()
    with case.transaction() as tx:
        for a in out:
            for b in stay:
                store.add_judgement(tx, _now(), user, "reject", a, b, note)
        case.log(user, "judgement.split", {"actor": actor_id, "out": out, "stay": stay, "note": note})
    return len(out) * len(stay)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
