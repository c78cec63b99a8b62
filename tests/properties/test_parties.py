"""The common-case parties, answered all at once, get the positions built from their own timelines.

For the common case (a listed party that never withdrew; a party with one established
instrument and no withdrawal), one-day reports and histories read a party's position
straight off the agreement's timelines, for every party of the agreement together.
Every other case builds the party's own timelines. Both must give the same position on
every day, and the same status history.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings

from tradeaccord import Confidence, Dataset, EvidencePolicy, History
from tradeaccord._engine.parties import PlainParties, plain_party_histories
from tradeaccord._engine.report import party_report
from tradeaccord._engine.rules import Reads
from tradeaccord._engine.sweeps import Sweep
from tradeaccord.testing import DEFAULT_WINDOW, datasets

POLICIES = (EvidencePolicy(), EvidencePolicy(min_confidence=Confidence.HIGH))
ONE_DAY = dt.timedelta(days=1)


@settings(deadline=None)
@given(datasets(max_agreements=2, max_events=10))
def test_plain_party_positions_equal_the_general_ones(dataset: Dataset) -> None:
    """Every party of every agreement, on every day of the window and around each change."""
    first, last = DEFAULT_WINDOW
    for policy in POLICIES:
        sweep = Sweep(dataset, policy)
        for agreement in dataset.agreements:
            parties = sweep.parties_of(agreement.id)
            days = {first - 3 * ONE_DAY + n * ONE_DAY for n in range((last - first).days + 7)}
            for party in parties:
                for day in sweep.party(agreement.id, party).change_days():
                    days.update((day - ONE_DAY, day, day + ONE_DAY))
            # One batch answers every party of the agreement on every day, sharing its work.
            batch = PlainParties(sweep, agreement)
            for day in sorted(days):
                for party in parties:
                    quick = batch.report(party, day)
                    if quick is None:
                        continue
                    general = party_report(sweep, agreement, party, day, Reads(sweep))
                    assert quick == general, f"{agreement.id} for {party} on {day}"


@settings(deadline=None)
@given(datasets(max_agreements=2, max_events=10))
def test_plain_party_histories_equal_the_general_ones(dataset: Dataset) -> None:
    """The histories of the common cases, worked out together, equal those asked day by day."""
    for policy in POLICIES:
        history = History(dataset, policy=policy)
        sweep = history._sweep
        for agreement in dataset.agreements:
            parties = sweep.parties_of(agreement.id)
            found = plain_party_histories(PlainParties(sweep, agreement), parties)
            for party in parties:
                general = history._general_party(agreement.id, party)
                if party in found:
                    assert found[party] == general, f"{agreement.id} for {party}"
                # Whichever way it was worked out, the history gives the general answer.
                assert history.party(agreement.id, party) == general[0]


@settings(deadline=None)
@given(datasets(max_agreements=2, max_events=10))
def test_a_report_mixing_worked_out_histories_and_batches(dataset: Dataset) -> None:
    """With the histories of every other party worked out, a day's report is still the same."""
    first, last = DEFAULT_WINDOW
    history = History(dataset)
    for agreement in dataset.agreements:
        for party in history.parties(agreement.id)[::2]:
            history.party(agreement.id, party)
    for day in (first - ONE_DAY, first + (last - first) / 2, last + ONE_DAY):
        assert history.at(day) == History(dataset).at(day), day
