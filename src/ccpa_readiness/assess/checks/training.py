"""Staff preparation: privacy training, role-based topics, the written policy for large volumes."""

from __future__ import annotations

from ccpa_readiness.assess.checks.common import (
    Judgement,
    assumptions,
    combine,
    gap,
    met,
    months_between,
    unknown,
)
from ccpa_readiness.assess.known import absent_ok, completeness, decides
from ccpa_readiness.assess.models import CheckResult
from ccpa_readiness.assess.registry import CheckContext, check, known
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.workspace.models import Programme

TRAINING_FILE = "inventory/training.yaml"
AGENTS = {"agents", "all_staff"}  # audiences that include the contact-center agents


def _judge_programme(facts: Facts, programme: Programme) -> Judgement:
    settings = assumptions()["checks"]
    min_completion = float(settings["training_min_completion"])
    max_age = int(settings["training_max_age_months"])
    provenance = facts.item(TRAINING_FILE, "programmes", programme.id)
    if programme.completion_rate is None or programme.last_delivered is None:
        return Judgement(programme.id, None, provenance)
    age = months_between(programme.last_delivered, facts.as_of)
    problems = []
    if programme.completion_rate < min_completion:
        problems.append(f"completion {programme.completion_rate:.0%} (< {min_completion:.0%})")
    if age > max_age:
        problems.append(f"last delivered {age} months ago (> {max_age})")
    return Judgement(programme.id, not problems, provenance, "; ".join(problems))


def _topic_check(check_id: str, topics: set[str], what: str) -> None:
    @check(check_id)
    def trained(ctx: CheckContext) -> CheckResult:
        facts = ctx.facts
        if facts.training is None:
            return unknown("training not declared", f"{TRAINING_FILE}: programmes")
        judgements = []
        for topic in sorted(topics):
            programmes = [
                p for p in facts.training.programmes if topic in p.topics and AGENTS & set(p.audiences)
            ]
            if not programmes:
                ok = absent_ok(facts, "programmes")
                where = (
                    completeness(facts, "programmes")
                    if ok is False
                    else facts.declared(TRAINING_FILE, "programmes")
                )
                judgements.append(Judgement(topic, ok, where, "no programme for agents"))
            else:
                judgement = _judge_programme(facts, programmes[0])
                judgements.append(Judgement(topic, judgement.ok, judgement.provenance, judgement.problem))
        return combine(
            judgements, what, decides("programmes", f"programmes for agents on {', '.join(sorted(topics))}")
        )


_topic_check(
    "privacy_training_current",
    {"consumer_rights", "request_handling"},
    "agents trained on rights and requests",
)
_topic_check(
    "role_training_topics",
    {"recording_consent", "payment_handling", "verification"},
    "agents trained on recording consent, payments and verification",
)


@check("training_policy_written")
def training_policy_written(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    value = known(
        None if facts.training is None else facts.training.written_training_policy,
        "written training policy not declared",
        f"{TRAINING_FILE}: written_training_policy",
    )
    provenance = facts.declared(TRAINING_FILE, "written_training_policy")
    return (
        met("written training policy declared", provenance)
        if value
        else gap("no written training policy", provenance)
    )
