from tests.factories import AttackFactory, VictimFactory


def test_factories_build_a_consistent_graph(db):
    attack = AttackFactory()
    victim = VictimFactory(incident=attack.incident)
    assert attack.incident.code.startswith("INC-2018-")
    assert victim.code.startswith("VIC-")
    assert victim.date_of_harm == attack.incident.date
