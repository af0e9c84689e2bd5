"""What a workspace declares. `None` always means "not stated": checks then answer "unknown"."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ccpa_readiness.vocabulary import ChannelKind, Department

Share = float  # a fraction from 0 to 1


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Listing(Strict):
    """An inventory file whose lists may be declared exhaustive.

    A list is read as possibly partial: a thing it does not name is unknown. Name the list under
    `complete_lists` to say it holds everything there is, so a thing it does not name is absent.
    """

    complete_lists: list[str] = Field(
        default_factory=list, description="names of this file's lists that hold everything there is"
    )

    @model_validator(mode="after")
    def _lists_exist(self) -> Listing:
        lists = {name for name, info in type(self).model_fields.items() if _is_list(info.annotation)}
        unknown = sorted(set(self.complete_lists) - lists - {"complete_lists"})
        if unknown:
            raise ValueError(
                f"complete_lists names {unknown}; this file's lists are {sorted(lists - {'complete_lists'})}"
            )
        return self


def _is_list(annotation: object) -> bool:
    return getattr(annotation, "__origin__", None) is list


class Role(StrEnum):
    business = "business"
    service_provider = "service_provider"
    contractor = "contractor"
    third_party = "third_party"


Identifier = str


class Relationship(Strict):
    """One client program or relationship and the role the organization plays in it.

    `business`: its own customers, staff or brand. `service_provider` / `contractor`: it processes a
    client's PI under a written contract (Civ. §1798.140(ag), (j)). `third_party`: it receives PI
    outside such a contract (§1798.140(ai)). The fields after `channels` are what the organization
    declares about its duties in that role (None = not stated).
    """

    id: Identifier
    role: Role
    client: str | None = Field(default=None, description="the client business, for a client program")
    channels: list[Identifier] = Field(
        default_factory=list, description="ids in inventory/channels.yaml this relationship runs on"
    )
    contract_meets_ccr_7051: bool | None = Field(
        default=None, description="the client contract holds every CCR §7051(a) term"
    )
    contractor_certification_signed: bool | None = Field(
        default=None,
        description="contractors: certified it understands the restrictions (§1798.140(j)(1)(B))",
    )
    uses_pi_only_for_contracted_purposes: bool | None = Field(
        default=None, description="no use, retention or combining outside the client's business purposes"
    )
    client_data_segregated: bool | None = Field(
        default=None, description="client PI kept apart from other clients' and its own"
    )
    subcontractors_bound_and_notified: bool | None = Field(
        default=None, description="each subcontractor under a §7051 contract, the client told (§7051(b))"
    )
    has_subcontractors: bool | None = None
    supports_client_consumer_requests: bool | None = Field(
        default=None, description="finds, deletes, corrects and returns PI when the client asks"
    )
    direct_requests_procedure: bool | None = Field(
        default=None, description="requests a consumer makes to it directly are handled per §7050"
    )


# ---- ccpa.yaml


class Organization(Strict):
    name: str
    for_profit: bool
    does_business_in_california: bool
    annual_gross_revenue_usd: float | None = Field(
        default=None, ge=0, description="gross revenue of the preceding calendar year"
    )
    revenue_year: int | None = None
    consumers_households_bought_sold_shared_per_year: int | None = Field(
        default=None, ge=0, description="consumers or households whose PI is bought, sold or shared a year"
    )
    revenue_share_from_selling_sharing: Share | None = Field(default=None, ge=0, le=1)
    consumers_per_year: int | None = Field(
        default=None, ge=0, description="consumers whose PI is bought, received, sold or shared a year"
    )
    consumers_with_spi_per_year: int | None = Field(default=None, ge=0)
    roles: list[Role] = Field(default_factory=lambda: [Role.business])
    is_data_broker: bool | None = None
    california_workforce: bool | None = None
    knows_consumers_under_16: bool | None = None
    relationships: list[Relationship] = Field(
        default_factory=list, description="role per client program; empty: `roles` apply to everything"
    )
    consumers_or_households_processed_prior_year: int | None = Field(
        default=None, ge=0, description="consumers or households whose PI it processed (CCR §7120(b)(2)(A))"
    )
    controls_or_controlled_by_business_with_common_branding: bool | None = Field(
        default=None, description="Civ. §1798.140(d)(2): and receives or shares PI with it"
    )
    joint_venture_of_businesses: bool | None = Field(
        default=None, description="Civ. §1798.140(d)(3): JV or partnership, each business holding 40%+"
    )
    voluntarily_certified_to_cppa: bool | None = Field(
        default=None, description="Civ. §1798.140(d)(4): certified to the CPPA that it complies"
    )


class Volumes(Strict):
    """Yearly contact volumes; null (or left out) = not known, and exposure says what it assumed."""

    calls_per_year: int | None = Field(default=None, ge=0)
    chats_per_year: int | None = Field(default=None, ge=0)
    emails_per_year: int | None = Field(default=None, ge=0)
    sms_per_year: int | None = Field(default=None, ge=0)
    california_share: Share = Field(default=1.0, ge=0, le=1, description="share of contacts from California")
    consumer_requests_per_year: int | None = Field(default=None, ge=0)


class DepartmentCapacity(Strict):
    people: int = Field(ge=0)
    availability: Share = Field(default=1.0, ge=0, le=1, description="share of their time for this program")
    day_rate_usd: float = Field(ge=0)


class Resources(Strict):
    privacy_owner: str | None = None
    contact_center_privacy_lead: str | None = None
    raci_documented: bool | None = None
    budget_usd: float | None = Field(default=None, ge=0)
    departments: dict[Department, DepartmentCapacity] = Field(default_factory=dict)


class Plan(Strict):
    start: dt.date
    deadline: dt.date
    holidays: list[dt.date] = Field(default_factory=list, description="extra non-working days")
    country_holidays: str | None = Field(default="US", description="public holidays of this country")


class OrganizationFile(Strict):
    """`ccpa.yaml`."""

    organization: Organization
    volumes: Volumes = Volumes()
    resources: Resources = Resources()
    plan: Plan | None = None


# ---- inventory/practices.yaml

NoticeKind = Literal[
    "notice_at_collection",
    "recording_disclosure",
    "opt_out",
    "limit",
    "financial_incentive",
    "workforce",
    "bot_disclosure",
    "admt_pre_use",
]
Delivery = Literal["spoken_ivr", "spoken_agent", "link", "text", "email", "sms"]


class PrivacyPolicy(Strict):
    url: str | None = None
    last_updated: dt.date | None = None
    document: str | None = Field(default=None, description="file under evidence/notices")
    describes_contact_center: bool | None = Field(
        default=None, description="describes calls, recordings, chat and their retention"
    )
    languages: list[str] = Field(default_factory=list)
    lists_service_provider_disclosures: bool | None = Field(
        default=None,
        description="lists the PI disclosed to service providers and contractors in the last 12 months",
    )


class Notice(Strict):
    id: Identifier
    kind: NoticeKind
    channels: list[ChannelKind]
    delivery: Delivery
    text: str | None = None
    prompt_ids: list[str] = Field(
        default_factory=list, description="IVR prompt ids or audio names that play it"
    )
    languages: list[str] = Field(default_factory=lambda: ["en"])
    mentions_third_party_ai: bool | None = None
    given_before_collection: bool | None = None


RequestMethodKind = Literal[
    "toll_free_number", "web_form", "email", "mail", "in_person", "ivr", "chat", "app"
]


class RequestMethod(Strict):
    kind: RequestMethodKind
    detail: str = ""
    last_tested: dt.date | None = None


class FinancialIncentive(Strict):
    name: str
    notice: Identifier | None = Field(default=None, description="id of its notice")
    value_explained: bool | None = None


class Practices(Listing):
    """`inventory/practices.yaml`: data privacy practices."""

    privacy_policy: PrivacyPolicy | None = None
    notices: list[Notice] = Field(default_factory=list)
    sells_personal_information: bool | None = None
    shares_personal_information: bool | None = Field(
        default=None, description="for cross-context behavioral advertising"
    )
    opt_out_link: str | None = None
    limit_link: str | None = None
    honors_opt_out_preference_signals: bool | None = None
    uses_spi_beyond_permitted_purposes: bool | None = None
    financial_incentives: list[FinancialIncentive] = Field(default_factory=list)
    request_methods: list[RequestMethod] = Field(default_factory=list)
    alternative_formats_on_request: bool | None = None


# ---- inventory/channels.yaml


class Channel(Strict):
    id: Identifier
    name: str
    kind: ChannelKind
    direction: Literal["inbound", "outbound", "both"] = "inbound"
    recorded: bool = False
    monitored_live: bool = False
    analytics: bool = False
    bot: bool = False
    self_service_portal: bool = False
    languages: list[str] = Field(default_factory=lambda: ["en"])
    notices: list[Identifier] = Field(default_factory=list, description="ids of notices given on it")
    decline_recording_option: bool | None = None
    greeting: str | None = Field(
        default=None, description="the words callers hear before anything is collected (IVR greeting)"
    )
    flows: list[str] = Field(default_factory=list, description="files under evidence/flows")


class Channels(Listing):
    channels: list[Channel] = Field(default_factory=list)


# ---- inventory/data.yaml

Exemption = Literal[
    "hipaa", "cmia", "glba", "fcra", "dppa", "clinical_trial", "vehicle_warranty", "insurance"
]


class DataElement(Strict):
    id: Identifier
    name: str
    category: str = Field(description="CCPA category key from the catalog taxonomy")
    sensitive_kind: str | None = Field(default=None, description="sensitive-PI kind key, if sensitive")
    channels: list[Identifier] = Field(default_factory=list)
    purposes: list[str] = Field(default_factory=list)
    systems: list[Identifier] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    disclosed_to: list[Identifier] = Field(default_factory=list, description="vendor ids")
    sold_or_shared: bool = False
    exemption: Exemption | None = None
    retention_days: int | None = Field(default=None, ge=0)
    spi_for_employment_purposes_only: bool = Field(
        default=False,
        description="workforce SPI used solely for pay, work authorization, benefits, accommodation or "
        "wage reporting: no risk-assessment trigger (CCR §7150(b)(2)(A))",
    )
    kept_indefinitely: bool | None = Field(default=None, description="true: kept with no end date")


class DataInventory(Listing):
    data_elements: list[DataElement] = Field(default_factory=list)


# ---- inventory/systems.yaml

SystemKind = Literal[
    "telephony",
    "recording",
    "transcripts",
    "crm",
    "ticketing",
    "chat_platform",
    "analytics",
    "qa",
    "wfm",
    "payment",
    "data_warehouse",
    "email",
    "sms",
    "file_share",
    "other",
]


class System(Strict):
    id: Identifier
    name: str
    kind: SystemKind
    location: str | None = None
    hosted_by: Identifier | None = Field(default=None, description="vendor id, if a vendor hosts it")
    encryption_at_rest: bool | None = None
    encryption_in_transit: bool | None = None
    access_control: Literal["role_based", "shared_accounts", "none"] | None = None
    access_logging: bool | None = None
    mfa: bool | None = None
    retention_days: int | None = Field(default=None, ge=0)
    kept_indefinitely: bool | None = Field(default=None, description="true: kept with no end date")
    deletion: Literal["automated", "manual", "none"] | None = None
    supports_deletion_requests: bool | None = None
    redaction: bool | None = None
    cardholder_data: bool = False
    connection_env: str | None = Field(
        default=None, description="environment variable holding its connection URL (never the URL itself)"
    )


class Systems(Listing):
    systems: list[System] = Field(default_factory=list)


# ---- inventory/procedures.yaml

ProcedureKind = Literal[
    "request_intake_phone",
    "verification",
    "opt_out_handling",
    "limit_handling",
    "deletion",
    "correction",
    "access_request",
    "authorized_agent",
    "retention_disposal",
    "incident_response",
    "qa_monitoring",
    "vendor_onboarding",
    "change_review",
    "minors",
]


class Procedure(Strict):
    id: Identifier
    kind: ProcedureKind
    title: str
    document: str | None = None
    owner: str | None = None
    last_reviewed: dt.date | None = None
    channels: list[ChannelKind] = Field(default_factory=list)
    confirm_within_business_days: int | None = Field(default=None, ge=0)
    respond_within_days: int | None = Field(default=None, ge=0)
    act_within_business_days: int | None = Field(default=None, ge=0)


class Procedures(Listing):
    procedures: list[Procedure] = Field(default_factory=list)
    request_records_retention_months: int | None = Field(default=None, ge=0)
    request_log_kept: bool | None = Field(default=None, description="a log of every consumer request is kept")
    agents_have_request_recognition_script: bool | None = Field(
        default=None,
        description="agents have a script or article to recognise privacy requests made in plain words",
    )


# ---- inventory/technology.yaml

AnalyticsKind = Literal[
    "speech_analytics",
    "chat_analytics",
    "transcription",
    "agent_assist",
    "virtual_agent",
    "sentiment",
    "qa_scoring",
]
PaymentCapture = Literal["pause_and_resume", "dtmf_masking", "agent_free_ivr", "agent_keyed", "no_payments"]


class AnalyticsTool(Strict):
    name: str
    kind: AnalyticsKind
    vendor: Identifier | None = None
    redaction: bool | None = None
    trains_vendor_models: bool | None = None
    makes_significant_decisions: bool = False
    scores_agents: bool | None = Field(
        default=None, description="its output rates agents' performance (CCR §7150(b)(4) observation)"
    )


class Redaction(Strict):
    recordings: bool | None = None
    transcripts: bool | None = None
    chat: bool | None = None


class Technology(Listing):
    """`inventory/technology.yaml`."""

    recording_platform: str | None = None
    recording_vendor: Identifier | None = None
    analytics: list[AnalyticsTool] = Field(default_factory=list)
    payment_capture: PaymentCapture | None = None
    payment_capture_methods: list[PaymentCapture] = Field(
        default_factory=list, description="every payment-capture method in use, where there is more than one"
    )
    redaction: Redaction = Redaction()
    access_logging: bool | None = None
    voice_biometrics: bool = False
    session_replay_on_chat: bool = False
    ai_training_on_recordings: bool = False
    remote_agents: bool | None = None
    remote_agent_controls: bool | None = None
    fraud_controls: bool | None = None
    workforce_productivity_monitoring: bool | None = Field(
        default=None, description="desktop or productivity analytics that score agents (CCR §7150(b)(4))"
    )


# ---- inventory/training.yaml

TrainingTopic = Literal[
    "privacy_basics",
    "consumer_rights",
    "request_handling",
    "verification",
    "recording_consent",
    "payment_handling",
    "social_engineering",
    "security_awareness",
    "data_minimization",
]
Audience = Literal["agents", "supervisors", "qa", "it", "privacy_team", "vendors", "all_staff"]


class Programme(Strict):
    id: Identifier
    name: str
    topics: list[TrainingTopic]
    audiences: list[Audience]
    completion_rate: Share | None = Field(default=None, ge=0, le=1)
    last_delivered: dt.date | None = None
    frequency_months: int | None = Field(default=None, ge=1)


class Training(Listing):
    programmes: list[Programme] = Field(default_factory=list)
    written_training_policy: bool | None = None


# ---- inventory/vendors.yaml


class Vendor(Strict):
    id: Identifier
    name: str
    role: Literal["service_provider", "contractor", "third_party"]
    services: list[str] = Field(default_factory=list)
    contract_clauses: list[str] = Field(
        default_factory=list, description="clause keys present (catalog contract_clauses.yaml)"
    )
    contract_signed: dt.date | None = None
    contract_in_place: bool | None = Field(
        default=None, description="false: no written contract (a contract_signed date also says there is one)"
    )
    certification_signed: bool | None = None
    subprocessors_disclosed: bool | None = None
    last_diligence: dt.date | None = None
    supports_consumer_requests: bool | None = None
    agents_location: str | None = Field(
        default=None, description="country code where the vendor's agents work (a BPO), e.g. US, PH"
    )
    share_of_contacts: Share | None = Field(
        default=None, ge=0, le=1, description="share of contacts it handles"
    )


class Vendors(Listing):
    vendors: list[Vendor] = Field(default_factory=list)


# ---- inventory/attestations.yaml


class Attestation(Strict):
    """A declared status for a requirement no automated check decides."""

    status: Literal["met", "partial", "gap"]
    evidence: str = Field(description="where the proof is: document, ticket, date")
    attested_by: str | None = None
    date: dt.date | None = None


class Attestations(Strict):
    attestations: dict[str, Attestation] = Field(default_factory=dict)
