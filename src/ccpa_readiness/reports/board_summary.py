"""The executive summary in words: the assessment's and the roadmap's own figures, put in sentences.

It selects and words what the stages computed (applicability, scores, the fix order, the exposure,
the plan); it computes nothing new.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ccpa_readiness.assess.models import OPEN_OUTCOMES, Assessment, Finding, Outcome

if TYPE_CHECKING:  # the roadmap package loads the solver
    from ccpa_readiness.roadmap.models import Roadmap

TOP_RISKS = 5
STATE_WORDS = {
    Outcome.gap: "not in place",
    Outcome.partial: "only partly in place",
    Outcome.unknown: "not known: to be confirmed",
}


def usd(amount: float) -> str:
    return f"${amount:,.0f}"


@dataclass(frozen=True)
class RiskLine:
    """One of the risks to fix first, in plain words."""

    priority: int
    requirement_id: str
    title: str
    state: str
    expected: str
    range: str
    assumptions: str


@dataclass(frozen=True)
class BoardSummary:
    applicability: str
    applicability_why: str
    readiness: Markup
    open_count: str
    risks: list[RiskLine]
    plan: str
    decisions: list[str]


def applicability_sentences(assessment: Assessment) -> tuple[str, str]:
    """Whether the CCPA applies and why; when undetermined it says so and never says "applies"."""
    applicability = assessment.applicability
    if not applicability.determined:
        missing = [v.question for v in applicability.reasons if v.answer is None]
        lacking = "; ".join(missing) if missing else "some facts that decide it are missing or dated"
        return (
            f"Whether the CCPA reaches {assessment.organization} is not determined.",
            f"Not yet stated: {lacking}. Until it is, the findings are judged as if the law reached it, "
            "the cautious reading.",
        )
    held = [v for v in applicability.reasons if v.answer]
    citations = sorted({v.citation.split(" (")[0].split(";")[0] for v in held})
    why = "; ".join(v.question[:1].lower() + v.question[1:] for v in held)
    return applicability.statement, (f"Why: {why} ({'; '.join(citations)})." if why else "")


def readiness_sentence(assessment: Assessment) -> Markup:
    """Readiness and coverage in words, the two figures in bold."""
    scores = assessment.scores
    counts = scores.outcome_counts
    decided = sum(counts.get(o, 0) for o in (Outcome.met, Outcome.partial, Outcome.gap))
    bold = Markup("<b>{}</b>")
    readiness = "not measurable yet" if scores.overall is None else bold.format(scores.overall) + " of 100"
    coverage = "none" if scores.coverage is None else bold.format(scores.coverage) + "%"
    return Markup(
        "Readiness is {} over the {} requirements decided; coverage is {} (severity-weighted share of the "
        "applicable requirements decided), with {} unknown for lack of information."
    ).format(readiness, decided, coverage, counts.get(Outcome.unknown, 0))


def open_sentence(assessment: Assessment) -> str:
    """The open findings, counted as everywhere (`OPEN_OUTCOMES`), with their breakdown."""
    by_severity = assessment.scores.open_by_severity
    total = sum(sum(counts.values()) for counts in by_severity.values())
    per_outcome = {o.value: sum(c.get(o.value, 0) for c in by_severity.values()) for o in OPEN_OUTCOMES}
    high = sum(by_severity.get("high", {}).values())
    return (
        f"{total} findings are open: {per_outcome['gap']} gaps, {per_outcome['partial']} partial, "
        f"{per_outcome['unknown']} unknown; {high} of them of high severity."
    )


def risk_line(finding: Finding) -> RiskLine:
    exposure = finding.exposure
    if exposure is None:
        expected, spread, assumptions = "no statutory amount", "", "no penalty basis with an amount"
    else:
        expected = "not estimated" if exposure.expected_usd is None else usd(exposure.expected_usd)
        spread = f"{usd(exposure.low_usd)} to {usd(exposure.high_usd)}"
        assumptions = exposure.in_one_line or exposure.assumptions
    return RiskLine(
        priority=finding.priority or 0,
        requirement_id=finding.requirement_id,
        title=finding.title,
        state=STATE_WORDS.get(finding.outcome, finding.outcome.value),
        expected=expected,
        range=spread,
        assumptions=assumptions,
    )


def plan_sentence(roadmap: Roadmap | None) -> str:
    if roadmap is None:
        return "No roadmap yet: ccpa.yaml states no plan (start and deadline)."
    total = roadmap.budget.total
    cost = f"{usd(total.expected)} expected (range {usd(total.low)} to {usd(total.high)})"
    available = roadmap.budget.available_usd
    if available is None:
        budget = "no budget is stated"
    elif total.expected <= available:
        budget = f"within the budget of {usd(available)}"
    else:
        budget = f"over the budget of {usd(available)} by {usd(total.expected - available)}"
    finish = f"finishing {roadmap.finish}" if roadmap.finish else "with no finish date found"
    deadline = f" against the deadline {roadmap.deadline}" if roadmap.deadline else ""
    verdict = f" {roadmap.verdict[:1].upper()}{roadmap.verdict[1:]}." if roadmap.verdict else ""
    return f"The plan: {len(roadmap.tasks)} tasks costing {cost}, {budget}; {finish}{deadline}.{verdict}"


def decisions(roadmap: Roadmap | None) -> list[str]:
    """What each department must decide: sign off its tasks and cost, approve its drafts, confirm unknowns."""
    if roadmap is None:
        return []
    department_of = {task.id: task.department for task in roadmap.tasks}
    drafts: defaultdict[str, list[str]] = defaultdict(list)
    for proposal in roadmap.proposals:
        for department in sorted({department_of[t] for t in proposal.task_ids if t in department_of}):
            drafts[department].append(proposal.title)
    lines = []
    for department, money in sorted(roadmap.budget.by_department.items(), key=lambda item: item[0].value):
        tasks = [t for t in roadmap.tasks if t.department == department]
        if not tasks:
            continue
        confirmations = sum(1 for t in tasks if t.kind == "confirmation")
        parts = [f"sign off {_count(len(tasks), 'task')} ({usd(money.expected)} expected)"]
        if drafts[department]:
            parts.append(f"approve {_count(len(drafts[department]), 'draft')}")
        if confirmations:
            parts.append(f"confirm {_count(confirmations, 'unknown')}")
        lines.append(f"{department.value}: " + ", ".join(parts) + ".")
    return lines


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def board_summary(assessment: Assessment, roadmap: Roadmap | None) -> BoardSummary:
    applies, why = applicability_sentences(assessment)
    first = sorted((f for f in assessment.findings if f.priority), key=lambda f: f.priority or 0)
    return BoardSummary(
        applicability=applies,
        applicability_why=why,
        readiness=readiness_sentence(assessment),
        open_count=open_sentence(assessment),
        risks=[risk_line(f) for f in first[:TOP_RISKS]],
        plan=plan_sentence(roadmap),
        decisions=decisions(roadmap),
    )
