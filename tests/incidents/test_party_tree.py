"""``Perpetrator.objects.tree()``: the one walk of the party hierarchy."""

import pytest

from incidents.models import Perpetrator
from tests.factories import PerpetratorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties():
    regime = PerpetratorFactory(code="regime", name="Syrian regime")
    army = PerpetratorFactory(code="army", name="Army", parent=regime)
    air = PerpetratorFactory(code="air-force", name="Air force", parent=regime)
    squadron = PerpetratorFactory(code="squadron", name="A squadron", parent=air)
    russia = PerpetratorFactory(code="russia", name="Russian forces")
    return dict(regime=regime, army=army, air=air, squadron=squadron, russia=russia)


def test_walk_is_depth_first_with_siblings_by_name(parties):
    walked = [(party.code, depth) for party, depth in Perpetrator.objects.tree().walk()]
    assert walked == [
        ("russia", 0),
        ("regime", 0),
        ("air-force", 1),
        ("squadron", 2),
        ("army", 1),
    ]


def test_descendants_and_ancestors(parties):
    tree = Perpetrator.objects.tree()
    regime, air, squadron = (tree.get(code) for code in ("regime", "air-force", "squadron"))
    assert set(tree.descendant_ids(regime)) == {p.pk for k, p in parties.items() if k != "russia"}
    assert tree.descendant_ids(squadron) == [squadron.pk]
    assert [p.code for p in tree.ancestors(squadron)] == ["regime", "air-force"]
    assert tree.ancestors(regime) == []
    assert tree.get("nobody") is None
    assert parties["air"].descendant_ids() == [air.pk, squadron.pk]
    assert [p.code for p in parties["squadron"].ancestors()] == ["regime", "air-force"]


def test_one_query(parties, django_assert_num_queries):
    with django_assert_num_queries(1):
        tree = Perpetrator.objects.tree()
        list(tree.walk())
        tree.descendant_ids(tree.get("regime"))
