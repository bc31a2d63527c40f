"""build_ledger on hand-built events: order independence, merging, disputes, allegations, positions."""

from __future__ import annotations

import random

from detente.ledger import build_ledger


def _by_kind(ledger, kind):
    found = [a for a in ledger.agreements if a.kind == kind]
    assert len(found) == 1, [a.label for a in ledger.agreements]
    return found[0]


def test_order_does_not_matter(corpus):
    first = build_ledger(corpus.events, corpus.articles)
    rng = random.Random(7)
    for _ in range(5):
        events = corpus.events[:]
        rng.shuffle(events)
        articles = list(corpus.articles.items())
        rng.shuffle(articles)
        assert build_ledger(events, dict(articles)) == first


def test_duplicate_events_are_ignored(corpus):
    assert build_ledger(corpus.events + corpus.events[:3], corpus.articles) == \
        build_ledger(corpus.events, corpus.articles)


def test_full_ceasefire_history(corpus):
    a = _by_kind(build_ledger(corpus.events, corpus.articles), "full_ceasefire")
    steps = [(h.status, h.by) for h in a.history]
    assert steps[0] == ("proposed", ["TUR"])
    assert ("accepted", ["NRD"]) in steps and ("rejected", ["SDM"]) in steps
    assert a.mediators == ["TUR"] and a.parties == ["NRD", "SDM"]
    assert a.terms.duration_days == 20
    accepted = next(h for h in a.history if h.status == "accepted")
    assert accepted.conditions == ["on condition that its soldiers are freed"]


def test_reports_merge_and_disputed_start(corpus):
    a = _by_kind(build_ledger(corpus.events, corpus.articles), "partial_ceasefire")
    assert a.scope.targets == ["ports"]
    assert {m.outlet for m in a.mentions} >= {"Wire", "Gazette"}
    assert [d.value for d in a.disputed["start"]] == ["2030-05-10", "2030-05-12"]
    assert a.disputed["start"][0].sources == ["Wire"]
    assert "in_force" in [h.status for h in a.history]


def test_exchange_partly_implemented(corpus):
    a = _by_kind(build_ledger(corpus.events, corpus.articles), "prisoner_exchange")
    assert a.status == "partly_implemented"
    last = a.history[-1]
    assert (last.promised, last.delivered) == (100, 80)


def test_incident_is_one_allegation_with_two_outlets_and_a_denial(corpus):
    ledger = build_ledger(corpus.events, corpus.articles)
    ports = _by_kind(ledger, "partial_ceasefire")
    incidents = [v for v in ledger.allegations if v.agreement_id == ports.id and v.kind == "incident"]
    assert len(incidents) == 1
    v = incidents[0]
    assert v.accused == ["NRD"] and v.accuser == ["SDM"] and v.target == "ports"
    assert v.n_outlets == 2 and len(v.evidence) == 2
    assert [d.by for d in v.denials] == [["NRD"]]


def test_claimed_count_is_not_incidents(corpus):
    ledger = build_ledger(corpus.events, corpus.articles)
    claimed = [v for v in ledger.allegations if v.claimed_count]
    assert len(claimed) == 1
    assert claimed[0].claimed_count == 1200 and claimed[0].kind == "accusation"
    assert claimed[0].accused == ["NRD"] and claimed[0].accuser == ["SDM"]


def test_positions(corpus):
    ledger = build_ledger(corpus.events, corpus.articles)
    by = {(p.party, p.topic): p for p in ledger.positions}
    assert by[("SDM", "ceasefire")].stance == "red_line"
    assert by[("TUR", "ceasefire")].stance == "proposal"
    assert by[("NRD", "ceasefire")].n_outlets >= 1


def test_no_agreement_without_events():
    ledger = build_ledger([], {})
    assert ledger.agreements == [] and ledger.positions == [] and ledger.clusters == []


def test_events_of_one_sentence_never_merge():
    from .conftest import Corpus

    c = Corpus()
    c.add("Wire", "2030-06-01T08:00", "Nordland shelled Saltby and shelled Saltby again.",
          dict(trigger="shelled Saltby and", type="ASSAULT", actors=["NRD"], obj="Saltby", place="Saltby"),
          dict(trigger="shelled Saltby again", type="ASSAULT", actors=["NRD"], obj="Saltby", place="Saltby"))
    c.add("Gazette", "2030-06-01T09:00", "Nordland shelled Saltby, officials said.",
          dict(trigger="shelled", type="ASSAULT", actors=["NRD"], obj="Saltby", place="Saltby"))
    clusters = build_ledger(c.events, c.articles).clusters
    assert sorted(len(cl.mentions) for cl in clusters) == [1, 2]
    assert max(cl.n_sources for cl in clusters) == 2


def test_red_line_is_the_nlps_standing_refusal():
    """The ledger reads Event.standing (set by the NLP), not the words before the trigger."""
    from .conftest import Corpus

    c = Corpus()
    c.add("Wire", "2030-06-01T08:00", "Sudmark rejected talks on its neutral status.",
          dict(trigger="rejected", type="REJECT", actors=["SDM"], obj="talks on its neutral status"))
    c.add("Wire", "2030-06-09T08:00", "Sudmark will never accept a neutral status.",
          dict(trigger="accept", type="REJECT", actors=["SDM"], obj="a neutral status", standing=True))
    [pos] = build_ledger(c.events, c.articles).positions
    assert pos.topic == "neutrality_nato" and pos.stance == "red_line"
    assert [h.stance for h in pos.history] == ["rejection", "red_line"]
    assert (pos.first_seen, pos.last_seen, pos.n_reports) == ("2030-06-01", "2030-06-09", 2)


def test_rejected_ceasefire_binds_nobody(corpus):
    ledger = build_ledger(corpus.events, corpus.articles)
    full = next(a for a in ledger.agreements if a.kind == "full_ceasefire")
    assert not [v for v in ledger.allegations if v.agreement_id == full.id]


def test_a_new_number_weeks_later_is_another_exchange(corpus):
    corpus.add("Herald", "2030-06-20T07:00", "Nordland and Sudmark agreed to exchange 300 prisoners for 300.",
               dict(trigger="agreed", type="AGREE", actors=["NRD", "SDM"],
                    obj="to exchange 300 prisoners for 300",
                    quantities=[(300, "prisoners", "count", "300 prisoners", None)]))
    exchanges = [a for a in build_ledger(corpus.events, corpus.articles).agreements if a.kind == "prisoner_exchange"]
    assert sorted(a.terms.quantities[0].value for a in exchanges) == [100, 300]
    assert all(not a.disputed for a in exchanges)


def test_a_withdrawal_only_reported_done_is_no_agreement():
    from .conftest import Corpus

    c = Corpus()
    c.add("Wire", "2030-06-01T08:00", "Nordland withdrew its troops from the river bank.",
          dict(trigger="withdrew", type="RETREAT", actors=["NRD"], mode="withdraw", obj="its troops"))
    assert build_ledger(c.events, c.articles).agreements == []


def test_one_sides_account_of_a_days_incident_in_two_outlets_is_one_allegation():
    from .conftest import Corpus

    c = Corpus()
    c.add("Wire", "2030-06-01T08:00", "Nordland and Sudmark accepted a ten-day truce.",
          dict(trigger="accepted", type="AGREE", actors=["NRD", "SDM"], obj="a ten-day truce",
               quantities=[(10, "day", "duration", "ten-day", None)]))
    c.add("Wire", "2030-06-04T08:00", "Nordland said Sudmark gunmen shot at its soldiers.",
          dict(trigger="shot", type="ASSAULT", actors=["SDM"], recipients=["NRD"], speaker=["NRD"], date="2030-06-03",
               raw="on Monday"))
    c.add("Post", "2030-06-04T09:00", "The Nordland army said Sudmark fighters had fired on its troops.",
          dict(trigger="fired", type="ASSAULT", actors=["SDM"], recipients=["NRD"], speaker=["NRD"], date="2030-06-03",
               raw="on Monday"))
    ledger = build_ledger(c.events, c.articles)
    assert len(ledger.allegations) == 1 and ledger.allegations[0].n_outlets == 2


def test_a_siege_kept_up_is_no_incident_of_a_truce():
    from .conftest import Corpus

    c = Corpus()
    c.add("Wire", "2030-06-01T08:00", "Nordland and Sudmark accepted a ten-day truce.",
          dict(trigger="accepted", type="AGREE", actors=["NRD", "SDM"], obj="a ten-day truce",
               quantities=[(10, "day", "duration", "ten-day", None)]))
    c.add("Wire", "2030-06-04T08:00", "Nordland said Sudmark kept its siege of Saltby.",
          dict(trigger="siege", type="COERCE", mode="restrict", actors=["SDM"], recipients=["NRD"], speaker=["NRD"],
               date="2030-06-03", raw="on Monday"))
    assert build_ledger(c.events, c.articles).allegations == []


def test_a_charge_naming_no_accused_is_against_the_accusers_one_other_party():
    """"According to the Sudmark command, this is a violation of the truce": Sudmark accuses Nordland."""
    from .conftest import Corpus

    c = Corpus()
    c.add("Wire", "2030-06-01T08:00", "Nordland and Sudmark accepted a ten-day truce.",
          dict(trigger="accepted", type="AGREE", actors=["NRD", "SDM"], obj="a ten-day truce",
               quantities=[(10, "day", "duration", "ten-day", None)]))
    c.add("Post", "2030-06-04T09:00", "According to the Sudmark command, this is a violation of the truce.",
          dict(trigger="violation", type="ACCUSE", speaker=["SDM"], obj="a violation of the truce",
               date="2030-06-04", raw="Thursday"))
    ledger = build_ledger(c.events, c.articles)
    assert [(v.accuser, v.accused) for v in ledger.allegations] == [(["SDM"], ["NRD"])]


def test_a_coalition_members_act_is_bound_by_what_the_coalition_signed():
    """GATIA is in the Platform (armed_groups.yaml part_of): its attack breaks the Platform's truce."""
    from .conftest import Corpus

    c = Corpus()
    c.add("Wire", "2030-06-01T08:00", "The CMA and the Platform agreed to a fifteen-day truce.",
          dict(trigger="agreed", type="AGREE", actors=["CMA", "PLATF"], obj="a fifteen-day truce",
               quantities=[(15, "day", "duration", "fifteen-day", None)]))
    c.add("Post", "2030-06-05T09:00", "The CMA said GATIA fighters fired on its positions near Kidal.",
          dict(trigger="fired", type="ASSAULT", actors=["GATIA"], recipients=["CMA"], speaker=["CMA"],
               date="2030-06-05", raw="Thursday"))
    ledger = build_ledger(c.events, c.articles)
    assert [(v.accuser, v.accused) for v in ledger.allegations] == [(["CMA"], ["GATIA"])]


def test_a_coalition_accuses_for_its_members_truce():
    """The TNLA is in the Brotherhood Alliance (armed_groups.yaml part_of): the alliance's charge that
    the army broke the TNLA's truce is an allegation, the alliance its accuser."""
    from .conftest import Corpus

    c = Corpus()
    c.add("Wire", "2030-06-01T08:00", "The army and the TNLA agreed to a ceasefire in the north.",
          dict(trigger="agreed", type="AGREE", actors=["MMR", "TNLA"], obj="a ceasefire in the north"))
    c.add("Post", "2030-06-05T09:00", "The Brotherhood Alliance accused the army of violating the ceasefire.",
          dict(trigger="accused", type="ACCUSE", mode="allege", actors=["TBHA"], recipients=["MMR"],
               obj="violating the ceasefire", date="2030-06-05", raw="Thursday"))
    ledger = build_ledger(c.events, c.articles)
    assert [(v.accuser, v.accused) for v in ledger.allegations] == [(["TBHA"], ["MMR"])]


def test_a_third_side_that_refused_stays_out_of_a_truce_two_accepted():
    """Two groups and the army accepted a truce the third group refused: it binds those who accepted."""
    from .conftest import Corpus

    c = Corpus()
    c.add("Wire", "2030-06-01T08:00", "The army, the MNDAA and the TNLA agreed to a four-day ceasefire.",
          dict(trigger="agreed", type="AGREE", actors=["MMR", "MNDAA", "TNLA"], obj="a four-day ceasefire",
               quantities=[(4, "day", "duration", "four-day", None)]))
    c.add("Wire", "2030-06-01T09:00", "The Arakan Army did not agree to the ceasefire.",
          dict(trigger="agree", type="AGREE", actors=["AA"], obj="the ceasefire", modality="negated"))
    c.add("Post", "2030-06-03T09:00", "The TNLA said the army shelled its positions near Mogok, violating the ceasefire.",
          dict(trigger="violating", type="ACCUSE", mode="allege", actors=["TNLA"], recipients=["MMR"],
               obj="the ceasefire", date="2030-06-03", raw="Monday"))
    ledger = build_ledger(c.events, c.articles)
    assert [(v.accuser, v.accused) for v in ledger.allegations] == [(["TNLA"], ["MMR"])]


def test_whoever_reports_that_others_agreed_holds_no_acceptance():
    """'Warring groups agreed to a ceasefire, the UN said': the UN reports, it accepts nothing."""
    from .conftest import Corpus

    c = Corpus()
    c.add("Wire", "2030-06-01T08:00", "Warring groups agreed to a ceasefire, the UN said.",
          dict(trigger="agreed", type="AGREE", actors=[], obj="a ceasefire", speaker=["UN"]))
    ledger = build_ledger(c.events, c.articles)
    assert not [p for p in ledger.positions if p.party == "UN"]


def test_a_concession_made_is_an_act_not_a_stance():
    """'The junta announced a pardon for 3,300 prisoners' is done; it accepts no deal on prisoners."""
    from .conftest import Corpus

    c = Corpus()
    c.add("Wire", "2030-06-01T08:00", "The junta announced a pardon for 3,300 prisoners.",
          dict(trigger="announced", type="CONCEDE", actors=["MMR"], obj="a pardon for 3,300 prisoners"))
    assert build_ledger(c.events, c.articles).positions == []
    c.add("Wire", "2030-06-02T08:00", "The army agreed to release 50 prisoners under the exchange deal.",
          dict(trigger="agreed", type="AGREE", actors=["MMR"], obj="to release 50 prisoners under the exchange deal"))
    ledger = build_ledger(c.events, c.articles)
    assert [(p.party, p.stance, p.topic) for p in ledger.positions] == [("MMR", "acceptance", "prisoners")]
