"""How far the analysis of the demo case agrees with its truth: roles, merges, trade messages.

Truth identifiers (``phone:+33…``, ``whatsapp:name:Dispatch``, ``imei:…``) are matched to the
case's identifiers by their record key (identifiers scoped to a seizure keep the same key).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from filiere.case import Case
from filiere.resolve.keys import key_of
from filiere.store import actors as actor_store

ROLES = ("advertiser", "dispatcher", "courier", "customer", "supplier", "front")


@dataclass(slots=True)
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "tp": self.true_positive,
                "fp": self.false_positive, "fn": self.false_negative}  # fmt: skip


@dataclass(slots=True)
class Evaluation:
    roles: dict[str, Score] = field(default_factory=lambda: {r: Score() for r in ROLES})
    merges: Score = field(default_factory=Score)
    unmatched_truth: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"roles": {r: s.to_dict() for r, s in self.roles.items()}, "merges": self.merges.to_dict(),
                "unmatched_truth_actors": self.unmatched_truth}  # fmt: skip


def _truth_identifiers(actor: dict[str, Any]) -> set[str]:
    ids = actor["identifiers"]
    keys = {f"phone:{p}" for p in ids.get("phones", [])}
    keys |= {f"imei:{i}" for i in ids.get("imeis", [])}
    keys |= {f"telegram:{t}" for t in ids.get("telegram_ids", [])}
    keys |= {f"whatsapp:name:{n}" for n in ids.get("whatsapp_names", [])}
    keys |= {f"signal:name:{n}" for n in ids.get("signal_names", [])}
    return keys


def evaluate(case: Case, truth_path: Path) -> Evaluation:
    truth = json.loads(Path(truth_path).read_text(encoding="utf-8"))
    actors = actor_store.actor_rows(case.conn)
    actor_of_key: dict[str, set[int]] = defaultdict(set)
    role_of = {a["id"]: a["role"] for a in actors}
    for a in actors:
        for ident in a["identifiers"]:
            actor_of_key[key_of(ident["identifier"])].add(a["id"])
    result = Evaluation()
    predicted_for_truth: dict[str, int] = {}
    for t in truth["actors"]:
        keys = [k for k in sorted(_truth_identifiers(t)) if k in actor_of_key]
        if not keys:
            result.unmatched_truth.append(t["id"])
            continue
        votes: dict[int, int] = defaultdict(int)
        for k in keys:
            for actor_id in actor_of_key[k]:
                votes[actor_id] += 1
        predicted_for_truth[t["id"]] = max(votes, key=lambda a: (votes[a], -a))
    claimed: dict[int, str] = {}
    for t in truth["actors"]:
        if t["id"] not in predicted_for_truth:
            if t["role"] in ROLES:
                result.roles[t["role"]].false_negative += 1
            continue
        actor_id = predicted_for_truth[t["id"]]
        predicted = role_of.get(actor_id)
        expected = t["role"] if t["role"] in ROLES else None
        if actor_id in claimed:  # one case actor standing for two truth actors: count its role once
            predicted = None
        claimed[actor_id] = t["id"]
        if expected and predicted == expected:
            result.roles[expected].true_positive += 1
        else:
            if expected:
                result.roles[expected].false_negative += 1
            if predicted in ROLES:
                result.roles[str(predicted)].false_positive += 1
    # Merges, pairwise over identifiers present in the case.
    expected_pairs: set[frozenset[str]] = set()
    for group in truth["same_person"]:
        present = sorted(k for k in group["identifiers"] if k in actor_of_key)
        expected_pairs |= {frozenset(p) for p in combinations(present, 2)}
    present_keys = {k for group in truth["same_person"] for k in group["identifiers"] if k in actor_of_key}
    predicted_pairs: set[frozenset[str]] = set()
    for a in actors:
        keys = sorted({key_of(i["identifier"]) for i in a["identifiers"]} & present_keys)
        predicted_pairs |= {frozenset(p) for p in combinations(keys, 2)}
    result.merges.true_positive = len(expected_pairs & predicted_pairs)
    result.merges.false_positive = len(predicted_pairs - expected_pairs)
    result.merges.false_negative = len(expected_pairs - predicted_pairs)
    return result
