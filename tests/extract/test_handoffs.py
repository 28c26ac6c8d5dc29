"""Hand-offs: where a message sends its reader to order."""

from __future__ import annotations

import pytest

from filiere.extract import detect


def _handoffs(text: str) -> list[tuple[str, str | None]]:
    return [(h["platform"], h["value"]) for h in detect(text).to_dict()["handoffs"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Commande sur Signal 06 39 98 12 11", [("signal", "+33639981211")]),
        ("Enregistrez le 06 39 98 45 12 sur Signal", [("signal", "+33639984512")]),
        ("Snap : frais.93 ➡️ pour commander", [("snapchat", "frais.93")]),
        ("Canal de secours : t.me/secours_centrale_75", [("telegram", "t.me/secours_centrale_75")]),
        ("Commande via notre bot @CentraleFrais_bot", [("bot", "@CentraleFrais_bot")]),
        ("Ajoutez moi sur Threema ABCD1234", [("threema", "ABCD1234")]),
        ("wa.me/33639981234 pour la carte", [("whatsapp", "wa.me/33639981234")]),
        ("Menu complet sur notre Potato", [("potato", None)]),
        ("Move to Wickr for orders", [("wickr", None)]),
        ("On passe sur Threema, ID : 7HPK2R9D.", [("threema", "7HPK2R9D")]),
        ("Threema (ID 7HPK2R9D) pour commander", [("threema", "7HPK2R9D")]),
        ("Fresh drop, WhatsApp +1 206 555 0148", [("whatsapp", "+12065550148")]),  # spaced North American
        ("Snap, pseudo : frais_93", [("snapchat", "frais_93")]),
        ("ajoute moi sur Snap, pseudo dans la bio", [("snapchat", None)]),  # a word after a comma: no account
        ("Commande sur Snap (pseudo plugparis)", [("snapchat", "plugparis")]),
        ("snap atlanta_plug", [("snapchat", "atlanta_plug")]),  # "at" starts the name: no sign
        ("Telegram (ID on request)", [("telegram", None)]),
    ],
)
def test_handoff(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _handoffs(text) == expected


def test_session_id() -> None:
    session_id = "05" + "d2f1e3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff01"
    assert ("session", session_id) in _handoffs(f"On bouge sur Session, voici mon ID : {session_id}")


@pytest.mark.parametrize("text", ["Le signal est mauvais ici", "la session de rattrapage est lundi", "I ate a potato"])
def test_ordinary_words_are_not_handoffs(text: str) -> None:
    assert _handoffs(text) == []


def test_phone_list_is_normalised() -> None:
    found = detect("Nouveau num 06 39 98 12 34 / 01 99 00 12 34")
    assert found.phones == ("+33639981234", "+33199001234")


def test_each_platform_takes_the_name_written_right_after_it() -> None:
    text = "Add me on Snapchat: plug_lyon69, Telegram @centrale_lyon, wickr: frappe92"
    assert _handoffs(text) == [
        ("snapchat", "plug_lyon69"),
        ("telegram", "@centrale_lyon"),
        ("wickr", "frappe92"),
    ]
    assert detect(text).zones == ()  # "lyon" inside an account's name is no delivery zone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Telegram: t.me/plugnyc", [("telegram", "t.me/plugnyc")]),  # not also "t.me"
        ("Snap: frais.93 / Signal / Telegram @centrale93", [("snapchat", "frais.93"), ("telegram", "@centrale93")]),
        ("Threema ID: ABCD1234", [("threema", "ABCD1234")]),
        ("wtsp 06 39 98 12 34", [("whatsapp", "+33639981234")]),
    ],
)
def test_values_go_to_their_own_platform(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _handoffs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Telegram : contactez @centrale93", [("telegram", "@centrale93")]),
        ("Snap - dispo 7j/7 - @frais93", [("snapchat", "@frais93")]),
        ("snap: plug.lyon69/story", [("snapchat", "plug.lyon69")]),
        ("WhatsApp/Signal: 06 39 98 12 11", [("whatsapp", "+33639981211"), ("signal", "+33639981211")]),
    ],
)
def test_a_word_after_the_platform_is_no_account(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _handoffs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "☎️ 06 39 98 77 21 (Signal + WhatsApp) / Ouvert 7j/7",
            [("signal", "+33639987721"), ("whatsapp", "+33639987721")],
        ),
        ("06 39 98 11 22 (WhatsApp)", [("whatsapp", "+33639981122")]),
        ("On quitte WhatsApp, trop de risques. Tout passe par Threema : ZK8T4P2M", [("threema", "ZK8T4P2M")]),
        ("Moved off Snapchat, add me on Wickr: plug_88", [("wickr", "plug_88")]),  # the app left is no hand-off
        ("Wickr: northwestplug_mcr. Manchester only", [("wickr", "northwestplug_mcr")]),  # not the full stop
    ],
)
def test_values_in_brackets_platforms_left_and_full_stops(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(h.platform, h.value) for h in detect(text, cache=False).handoffs] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pour en savoir plus sur Telegram", [("telegram", None)]),
        ("2 left Telegram me for prices", [("telegram", None)]),
    ],
)
def test_words_near_a_platform_that_do_not_leave_it(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(h.platform, h.value) for h in detect(text, cache=False).handoffs] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A platform said to be the only way, with the account after it or none.
        ("Signal uniquement : coke_gros.69", [("signal", "coke_gros.69")]),
        ("Pour commander : Signal uniquement ➡️ pseudo MenuDuSoir.88", [("signal", "MenuDuSoir.88")]),
        ("Cork lads, hash €10 a gram. Signal only, ask for the username.", [("signal", None)]),
        ("Bristol only | Session ID in bio", [("session", None)]),
        ("Snap dispo sur demande", [("snapchat", None)]),
        ("signal dispo sur demande", []),  # an everyday word, not written as the app's name
        ("Yoga session on request, green tea included", []),
        ("Session only on Saturdays: bring your gear", []),
        ("Signal only from now on. Snap got flagged", [("signal", None)]),
        ("Wickr only – same handle, new dev", [("wickr", None)]),  # a word, not an account
        ("Telegram only 👉 t.me/ukplugmenu", [("telegram", "t.me/ukplugmenu")]),
        # An account after the platform's clause, in the same sentence.
        ("New Snap after the last one got banned: dub.grn.24 ❗", [("snapchat", "dub.grn.24")]),
        ("Nouveau compte Snap, l'ancien a sauté : grinch.livraison2.", [("snapchat", "grinch.livraison2")]),
        ("Florist van, WhatsApp us your order. Loyalty card: 10th bouquet free", [("whatsapp", None)]),
        ("Call or WhatsApp. Stabbed at around 11:40pm on Saturday", [("whatsapp", None)]),
        ("moved to Session, Telegram was getting too hot. My ID: abc_123", [("session", None), ("telegram", None)]),
        ("Move to Wickr for orders: freshplug_ldn", [("wickr", "freshplug_ldn")]),
        ("WhatsApp moi quand t'es là, digicode : B1234", [("whatsapp", None)]),  # no account's clause
        ("Nouveau WhatsApp, mot de passe wifi : Livebox_4521", [("whatsapp", None)]),
        ("WhatsApp moi maintenant, code portail: B1234", [("whatsapp", None)]),
        ("Rejoins notre canal Telegram, code promo: BLACK_FRIDAY", [("telegram", None)]),
        ("Mon ancien numéro ne marche plus. WhatsApp, digicode du bât: A1234", [("whatsapp", None)]),
        ("Session on request.", []),
        ("Signal only from the garden lol", []),
    ],
)
def test_accounts_given_further_on(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _handoffs(text) == expected


def test_a_number_with_its_platforms_in_brackets_is_theirs_not_the_next_one() -> None:
    text = "Nouveau numéro 06 39 98 52 10 (Signal + WhatsApp). L'ancien, 06 39 98 47 03, est grillé."
    assert _handoffs(text) == [("signal", "+33639985210"), ("whatsapp", "+33639985210")]
    # An account written inside the brackets is the platform's own.
    assert _handoffs("06 39 98 52 10 (Telegram: plug_lyon69)") == [("telegram", "plug_lyon69")]
    assert _handoffs("06 39 98 52 10 (Snap @dub.24)") == [("snapchat", "@dub.24")]


def test_a_long_run_of_account_words_is_read_without_recursion() -> None:
    assert _handoffs("Snap: " + "user " * 5000) == [("snapchat", "user")]


def test_a_session_id_is_read_whole_after_its_platform() -> None:
    session = "05" + "f3a9c1e7" * 8
    assert _handoffs(f"Session : {session}") == [("session", session)]


@pytest.mark.parametrize("text", ["we're off Telegram. New: Threema AK92MX7T", "plus de Telegram, Threema AK92MX7T"])
def test_a_platform_left_is_no_handoff(text: str) -> None:
    assert _handoffs(text) == [("threema", "AK92MX7T")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Don't text 07700 900184 no more. Save this one: 07700 900527. WhatsApp only.",
            [("whatsapp", "+447700900527")],
        ),
        ("Nouveau numéro 🍀 : 06 39 98 52 03, Signal only", [("signal", "+33639985203")]),
        ("Signal only. Ask for the number", [("signal", None)]),  # nothing written before it
        ("Ancien numéro 06 39 98 12 34. Signal uniquement", [("signal", None)]),  # the number left behind
        ("RIP 07700 900111. Signal only", [("signal", None)]),
        ("07700 900527. Session only", [("session", None)]),  # no app reached by a phone number
    ],
)
def test_the_value_ending_the_clause_before_an_only_platform(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _handoffs(text) == expected


def test_the_new_number_after_the_old_one_is_said_gone() -> None:
    text = "Nouveau numéro ☎️ l'ancien a sauté\n06 39 98 41 27\nSignal uniquement, même menu"
    assert _handoffs(text) == [("signal", "+33639984127")]
