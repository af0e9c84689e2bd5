"""Consumer requests: methods, documented procedures, deadlines, opt-out signals, deletion reach."""

from __future__ import annotations

from ccpa_readiness.assess.checks.common import Judgement, combine, combine_over, gap, met, unknown
from ccpa_readiness.assess.known import completeness, decides, is_complete, listed_or_settle
from ccpa_readiness.assess.models import CheckResult
from ccpa_readiness.assess.registry import CHECKS, CheckContext, check, known
from ccpa_readiness.facts.models import Facts

PROCEDURES_FILE = "inventory/procedures.yaml"
PRACTICES_FILE = "inventory/practices.yaml"

# procedure kind -> what it is, in words. Each becomes a check `procedure_<kind>`.
DOCUMENTED_PROCEDURES = {
    "request_intake_phone": "consumer-request intake by phone",
    "verification": "identity verification for requests",
    "authorized_agent": "requests from authorized agents",
    "access_request": "requests to know (including recordings and transcripts)",
    "deletion": "deletion across repositories and vendors",
    "correction": "requests to correct",
    "opt_out_handling": "opt-out of sale or sharing taken by agents",
    "limit_handling": "requests to limit the use of sensitive PI",
    "minors": "consumers under 16",
    "incident_response": "incident response and breach notification",
    "retention_disposal": "retention and disposal",
    "qa_monitoring": "QA monitoring of calls",
    "vendor_onboarding": "vendor onboarding and due diligence",
    "change_review": "privacy review before new contact-center technology goes live",
}


def _procedure_check(kind: str, words: str) -> None:
    @check(f"procedure_{kind}")
    def documented(ctx: CheckContext) -> CheckResult:
        facts = ctx.facts
        if facts.procedures is None:
            return unknown("procedures not declared", f"{PROCEDURES_FILE}: a '{kind}' procedure")
        procedure = listed_or_settle(
            facts, "procedures", facts.procedures_of(kind), f"'{kind}' procedure ({words})"
        )[0]
        provenance = facts.item(PROCEDURES_FILE, "procedures", procedure.id, snippet=procedure.title)
        if procedure.document is None:
            return met(
                f"procedure '{procedure.title}' declared (name its `document` so a reviewer can find it)",
                provenance,
            )
        return met(f"procedure '{procedure.title}' documented in {procedure.document}", provenance)


for _kind, _words in DOCUMENTED_PROCEDURES.items():
    _procedure_check(_kind, _words)


@check("limit_requests_handled")
def limit_requests_handled(ctx: CheckContext) -> CheckResult:
    """Requests to limit need handling only where sensitive PI is used beyond CCR §7027(m)."""
    facts = ctx.facts
    beyond = known(
        None if facts.practices is None else facts.practices.uses_spi_beyond_permitted_purposes,
        "use of sensitive PI beyond the permitted purposes not declared",
        f"{PRACTICES_FILE}: uses_spi_beyond_permitted_purposes",
    )
    if not beyond:
        return met(
            "sensitive PI used only for the purposes of CCR §7027(m): no right to limit to offer",
            facts.declared(PRACTICES_FILE, "uses_spi_beyond_permitted_purposes"),
        )
    return CHECKS["procedure_limit_handling"](ctx)


@check("request_recognition_script")
def request_recognition_script(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    value = known(
        None if facts.procedures is None else facts.procedures.agents_have_request_recognition_script,
        "whether agents can recognise privacy requests made in plain words is not declared",
        f"{PROCEDURES_FILE}: agents_have_request_recognition_script",
    )
    provenance = facts.declared(PROCEDURES_FILE, "agents_have_request_recognition_script")
    if value:
        return met("agents have a script to recognise and route privacy requests", provenance)
    return gap("agents have no script to recognise privacy requests made in plain words", provenance)


def _deadline_check(check_id: str, kind: str, field: str, figure_key: str, unit: str) -> None:
    @check(check_id)
    def within_deadline(ctx: CheckContext) -> CheckResult:
        facts = ctx.facts
        figure = ctx.catalog.figure(figure_key)
        procedures = facts.procedures_of(kind)
        if not procedures:
            return unknown(f"no '{kind}' procedure declared", f"{PROCEDURES_FILE}: {kind} with {field}")
        judgements = []
        for procedure in procedures:
            value = getattr(procedure, field)
            judgements.append(
                Judgement(
                    procedure.id,
                    None if value is None else value <= figure.value,
                    facts.item(
                        PROCEDURES_FILE, "procedures", procedure.id, field, snippet=f"{field}: {value}"
                    ),
                    f"{value} {unit}; the law allows {figure.value:.0f} ({figure.citation})",
                )
            )
        return combine(judgements, f"'{kind}' deadline", f"{PROCEDURES_FILE}: {field} of {kind}")


_deadline_check(
    "request_confirm_deadline",
    "request_intake_phone",
    "confirm_within_business_days",
    "confirm_receipt_business_days",
    "business days",
)
_deadline_check(
    "request_respond_deadline",
    "request_intake_phone",
    "respond_within_days",
    "respond_calendar_days",
    "calendar days",
)
_deadline_check(
    "opt_out_deadline",
    "opt_out_handling",
    "act_within_business_days",
    "opt_out_business_days",
    "business days",
)


@check("request_methods_toll_free")
def request_methods_toll_free(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    practices = facts.practices
    if practices is None:
        return unknown("request methods not declared", f"{PRACTICES_FILE}: request_methods")
    methods = listed_or_settle(facts, "request_methods", practices.request_methods, "request method")
    kinds = sorted({m.kind for m in methods})
    provenance = facts.declared(PRACTICES_FILE, "request_methods", snippet=", ".join(kinds))
    problems = []
    if len(kinds) < 2:
        problems.append("fewer than two methods")
    if "toll_free_number" not in kinds:
        problems.append("no toll-free number")
    if not problems:
        return met(f"{len(kinds)} request methods including a toll-free number", provenance)
    if not is_complete(facts, "request_methods"):
        return unknown(
            "request methods listed: " + ", ".join(kinds) + "; " + "; ".join(problems) + " among them",
            decides("request_methods", "a toll-free number and a second method"),
        )
    return gap("request methods: " + "; ".join(problems), provenance, completeness(facts, "request_methods"))


@check("opt_out_signals_honored")
def opt_out_signals_honored(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    practices = facts.practices
    value = known(
        None if practices is None else practices.honors_opt_out_preference_signals,
        "opt-out preference signals not declared",
        f"{PRACTICES_FILE}: honors_opt_out_preference_signals",
    )
    provenance = facts.declared(PRACTICES_FILE, "honors_opt_out_preference_signals")
    if value:
        return met("opt-out preference signals (GPC) honored", provenance)
    return gap("opt-out preference signals (GPC) not honored on portals and web chat", provenance)


def _judge_pi_systems_delete(facts: Facts) -> list[Judgement]:
    holding = {system_id for e in facts.data_elements or [] for system_id in e.systems}
    return [
        Judgement(
            system.id,
            system.supports_deletion_requests,
            facts.item("inventory/systems.yaml", "systems", system.id, "supports_deletion_requests"),
            "cannot carry out deletion requests",
        )
        for system in facts.systems or []
        if system.id in holding
    ]


@check("deletion_reaches_systems_and_vendors")
def deletion_reaches_systems_and_vendors(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    if facts.systems is None or facts.data_elements is None:
        return unknown(
            "systems or data elements not declared", "inventory/systems.yaml and inventory/data.yaml"
        )
    judgements = _judge_pi_systems_delete(facts)
    judgements += [
        Judgement(
            vendor.id,
            vendor.supports_consumer_requests,
            facts.item("inventory/vendors.yaml", "vendors", vendor.id, "supports_consumer_requests"),
            "vendor does not support deletion and other requests",
        )
        for vendor in facts.vendors or []
        if vendor.role in ("service_provider", "contractor")
    ]
    return combine_over(facts, "systems", judgements, "systems and vendors reached by deletion")


@check("request_records_kept")
def request_records_kept(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    figure = ctx.catalog.figure("request_records_months")
    procedures = known(
        facts.procedures, "procedures not declared", f"{PROCEDURES_FILE}: request_records_retention_months"
    )
    months = procedures.request_records_retention_months
    judgements = [
        Judgement(
            "request log",
            procedures.request_log_kept,
            facts.declared(PROCEDURES_FILE, "request_log_kept"),
            "no log of consumer requests is kept",
        ),
        Judgement(
            "retention of request records",
            None if months is None else months >= figure.value,
            facts.declared(PROCEDURES_FILE, "request_records_retention_months", snippet=f"{months} months"),
            f"kept {months} months; at least {figure.value:.0f} required ({figure.citation})",
        ),
    ]
    if procedures.request_log_kept is None and months is not None:
        judgements = judgements[1:]  # a retention period declared for the records says they are kept
    return combine(
        judgements, "records of consumer requests", f"{PROCEDURES_FILE}: request_records_retention_months"
    )
