"""Role scoring: each role from what an actor sends and receives and how he is in contact, with reasons."""

from __future__ import annotations

from collections import Counter

from filiere.analyse.roles import Features, best, score


def top(f: Features) -> str | None:
    return best(score(f))[0]


def test_a_channel_publishing_offers_and_a_number_is_the_advertiser() -> None:
    f = Features(kind="channel", sent=Counter(offer=40, promo=10, handoff=25))
    ranked = score(f)
    assert top(f) == "advertiser"
    assert any("25" in r["fr"] and "25" in r["en"] for r in ranked[0].reasons)


def test_the_number_a_channel_publishes_that_hands_out_tours_is_the_dispatcher() -> None:
    f = Features(
        advertised_by=1, sent_addresses=30, sent=Counter(logistics=40), received=Counter(order=12), partners=20
    )
    assert top(f) == "dispatcher"


def test_who_receives_tours_and_moves_all_day_is_a_courier() -> None:
    f = Features(received_addresses=25, received=Counter(logistics=30), sent=Counter(logistics=10), cells_per_day=5.2)
    assert top(f) == "courier"


def test_a_customer_told_where_his_delivery_is_stays_a_customer() -> None:
    """Delivery confirmations carry his own address and read as logistics; his orders decide."""
    f = Features(sent=Counter(order=20, logistics=5), received_addresses=20, received=Counter(logistics=20), partners=1)
    assert top(f) == "customer"


def test_contact_patterns_with_the_dispatcher_separate_customers_from_couriers() -> None:
    customer = Features(to_dispatcher=9, from_dispatcher=1, dispatcher_days=6, partners=1)
    courier = Features(to_dispatcher=0, from_dispatcher=50, dispatcher_days=50, partners=1)
    partner = Features(to_dispatcher=91, from_dispatcher=41, dispatcher_days=48, partners=2)
    assert (top(customer), top(courier), top(partner)) == ("customer", "courier", None)


def test_a_business_is_a_front_only_when_it_deals_with_the_trade() -> None:
    assert top(Features(business=True)) is None
    assert top(Features(business=True, trade_contacts=12)) == "front"


def test_no_evidence_no_role() -> None:
    assert score(Features()) == [] and best([]) == (None, None)
