"""Messages read in their conversation: routine words count between trade messages only."""

from __future__ import annotations

from filiere.extract import detect, detect_conversation, in_context

COURIER = [
    "T'es dispo aujourd'hui ?",
    "Récup à 14h chez la nourrice, 29 rue Voltaire",
    "Ok",
    "Tournée :\n1) 12 rue Pasteur, 93100 Montreuil - 2g 🍀\n2) 7 rue Hoche, Bagnolet - 1g ❄️",
    "C'est récup ✅",
    "Livré ✅",
    "T'as vu le match hier ?",
    "C'est livré ✅",
    "Je peux pas demain, rdv chez le médecin",
]
FAMILY = [
    "Qui rentre manger ce soir ?",
    "C'est récup ✅ merci pour la perceuse",
    "Livré ✅ le colis de mamie",
    "Ils recrutent des livreurs à vélo, 12€ de l'heure",
    "Bisous",
]


def test_routine_words_become_trade_between_trade_messages() -> None:
    alone = [detect(text) for text in COURIER]
    revised = in_context(alone)
    assert [item.drug_trade for item in alone] == [False, True, False, True, False, False, False, False, False]
    # "dispo" is every shop's word, "t'as vu" a question: neither is the trade's routine.
    assert [item.drug_trade for item in revised] == [False, True, False, True, True, True, False, True, False]
    assert revised[5].categories == ("service",)
    reason = revised[5].evidence[0]
    assert reason.rule.startswith("context (2 of the ")
    assert revised[1] is alone[1]  # trade on its own text: unchanged
    assert not alone[5].drug_trade  # the cached detection of the message alone is not altered


def test_nothing_spreads_without_trade_around() -> None:
    assert not any(item.drug_trade for item in detect_conversation(FAMILY))


def test_a_lookalike_is_never_made_trade() -> None:
    texts = [*COURIER[:5], "Pizza livrée au 3, livreur en bas", *COURIER[5:]]
    assert not detect_conversation(texts)[5].drug_trade


def test_window_bounds_the_context() -> None:
    far = [COURIER[1], COURIER[3]] + ["Ok"] * 20 + ["Livré ✅"]
    assert not detect_conversation(far)[-1].drug_trade
    assert in_context([detect(text) for text in far], window=30)[-1].drug_trade


def test_a_revision_changes_only_the_verdict_and_its_reasons() -> None:
    # ``in_context`` builds the revised detection field by field: every other field must be the
    # original's, each told apart by its own marker so that two swapped fields would show.
    import dataclasses

    from filiere.extract import Detection, in_context
    from filiere.extract.detection import Evidence

    cue = Evidence(0, 4, "récup", "cue.logistics (cues_fr.tsv:1)")
    fields = [f.name for f in dataclasses.fields(Detection)]
    values: dict[str, object] = {name: (name,) for name in fields}
    values.update(drug_trade=False, score=0.3, evidence=(cue,), lexicon="test", truncated=True)
    routine = Detection(**values)  # type: ignore[arg-type]
    trade = dataclasses.replace(routine, drug_trade=True, score=0.9)
    revised = in_context([trade, trade, routine, trade, trade])[2]
    assert revised.drug_trade and revised.categories == ("logistics",)
    for name in fields:
        if name not in {"drug_trade", "score", "categories", "evidence"}:
            assert getattr(revised, name) == getattr(routine, name), name
    assert revised.evidence[1:] == routine.evidence
