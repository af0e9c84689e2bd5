"""How several checks' outcomes make one requirement's outcome."""

from __future__ import annotations

import pytest

from ccpa_readiness.assess.models import CheckResult, Outcome
from ccpa_readiness.assess.run import combine_results
from ccpa_readiness.facts.models import Basis, Provenance

M, P, G, U, N = Outcome.met, Outcome.partial, Outcome.gap, Outcome.unknown, Outcome.not_applicable


def result(outcome: Outcome, source: str = "inventory/x.yaml") -> CheckResult:
    evidence = [Provenance(basis=Basis.declared, source=source, location="3")]
    return CheckResult(
        outcome=outcome, reason=outcome.value, evidence=evidence, missing=[f"m-{outcome.value}"]
    )


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ((M, M), M),
        ((G, G), G),
        ((M, G), P),
        ((P, M), P),
        ((G, U), G),
        ((M, U), U),
        ((U, U), U),
        ((N, M), M),
        ((N, N), N),
        ((G, N), G),
    ],
)
def test_outcomes_combine(outcomes: tuple[Outcome, ...], expected: Outcome) -> None:
    assert combine_results([result(o) for o in outcomes]).outcome == expected


def test_evidence_is_kept_once_and_missing_information_gathered() -> None:
    combined = combine_results([result(M), result(U), result(M, source="inventory/y.yaml")])
    assert [e.source for e in combined.evidence] == ["inventory/x.yaml", "inventory/y.yaml"]
    assert combined.missing == ["m-met", "m-unknown"]
    assert combined.reason == "met; unknown; met"
