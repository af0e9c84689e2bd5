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

    id: Identifier = Field(
        description="a short id of this relationship or client program, unique in the file"
    )
    role: Role = Field(
        description="the organization's role in it: business, service_provider, contractor or third_party"
    )
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
    has_subcontractors: bool | None = Field(
        default=None, description="it passes the client's PI to subcontractors of its own"
    )
    supports_client_consumer_requests: bool | None = Field(
        default=None, description="finds, deletes, corrects and returns PI when the client asks"
    )
    direct_requests_procedure: bool | None = Field(
        default=None, description="requests a consumer makes to it directly are handled per §7050"
    )


# ---- ccpa.yaml


class Organization(Strict):
    name: str = Field(description="the organization's legal or trading name, as reports show it")
    for_profit: bool = Field(description="organized or operated for profit (Civ. §1798.140(d)(1))")
    does_business_in_california: bool = Field(
        description="does business in the State of California (Civ. §1798.140(d)(1))"
    )
    annual_gross_revenue_usd: float | None = Field(
        default=None, ge=0, description="gross revenue of the preceding calendar year"
    )
    revenue_year: int | None = Field(
        default=None,
        description="the calendar year of annual_gross_revenue_usd (the preceding year is the one compared)",
    )
    consumers_households_bought_sold_shared_per_year: int | None = Field(
        default=None, ge=0, description="consumers or households whose PI is bought, sold or shared a year"
    )
    revenue_share_from_selling_sharing: Share | None = Field(
        default=None,
        ge=0,
        le=1,
        description="share of annual revenue from selling or sharing PI, 0 to 1 (Civ. §1798.140(d)(1)(C))",
    )
    consumers_per_year: int | None = Field(
        default=None, ge=0, description="consumers whose PI is bought, received, sold or shared a year"
    )
    consumers_with_spi_per_year: int | None = Field(
        default=None,
        ge=0,
        description="consumers whose sensitive PI it processes a year (cybersecurity-audit threshold)",
    )
    roles: list[Role] = Field(
        default_factory=lambda: [Role.business],
        description="the CCPA roles it holds where no relationship is declared",
    )
    is_data_broker: bool | None = Field(
        default=None,
        description="sells PI of consumers it has no direct relationship with (Civ. §1798.99.80)",
    )
    california_workforce: bool | None = Field(
        default=None,
        description="has agents or other staff resident in California (workforce notices and rights)",
    )
    knows_consumers_under_16: bool | None = Field(
        default=None,
        description="has actual knowledge that some consumers are under 16 (opt-in to sale or sharing)",
    )
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

    calls_per_year: int | None = Field(default=None, ge=0, description="phone calls handled a year")
    chats_per_year: int | None = Field(default=None, ge=0, description="chat conversations handled a year")
    emails_per_year: int | None = Field(default=None, ge=0, description="customer emails handled a year")
    sms_per_year: int | None = Field(default=None, ge=0, description="SMS conversations handled a year")
    california_share: Share = Field(default=1.0, ge=0, le=1, description="share of contacts from California")
    consumer_requests_per_year: int | None = Field(
        default=None,
        ge=0,
        description="privacy requests (know, delete, correct, opt out, limit) received a year",
    )


class DepartmentCapacity(Strict):
    people: int = Field(ge=0, description="people of this department who can work on the roadmap")
    availability: Share = Field(default=1.0, ge=0, le=1, description="share of their time for this program")
    day_rate_usd: float = Field(ge=0, description="cost of one person-day in US dollars, for the budget")


class Resources(Strict):
    privacy_owner: str | None = Field(
        default=None, description="who owns privacy for the organization: name and title"
    )
    contact_center_privacy_lead: str | None = Field(
        default=None, description="who leads privacy in the contact center: name and title"
    )
    raci_documented: bool | None = Field(
        default=None,
        description="a RACI for privacy (responsible, accountable, consulted, informed) is written down",
    )
    budget_usd: float | None = Field(
        default=None,
        ge=0,
        description="budget for the remediation in US dollars; the roadmap's cost is compared with it",
    )
    departments: dict[Department, DepartmentCapacity] = Field(
        default_factory=dict, description="capacity and day rate of each department that owns roadmap tasks"
    )


class Plan(Strict):
    start: dt.date = Field(description="the first working day of the remediation (YYYY-MM-DD)")
    deadline: dt.date = Field(description="the date by which every task must be done (YYYY-MM-DD)")
    holidays: list[dt.date] = Field(default_factory=list, description="extra non-working days")
    country_holidays: str | None = Field(default="US", description="public holidays of this country")


class OrganizationFile(Strict):
    """`ccpa.yaml`."""

    organization: Organization = Field(
        description="who the organization is: the facts that decide whether and how the CCPA applies"
    )
    volumes: Volumes = Field(
        default=Volumes(), description="yearly contact volumes: they size the penalty exposure"
    )
    resources: Resources = Field(
        default=Resources(),
        description="who owns privacy, the budget and the people available per department",
    )
    plan: Plan | None = Field(
        default=None, description="start and deadline of the remediation; without it no roadmap is built"
    )


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
    url: str | None = Field(default=None, description="where the privacy policy is published")
    last_updated: dt.date | None = Field(
        default=None, description="the date the policy was last updated (it must be reviewed every 12 months)"
    )
    document: str | None = Field(default=None, description="file under evidence/notices")
    describes_contact_center: bool | None = Field(
        default=None, description="describes calls, recordings, chat and their retention"
    )
    languages: list[str] = Field(
        default_factory=list, description="language codes the policy is available in, e.g. en, es"
    )
    lists_service_provider_disclosures: bool | None = Field(
        default=None,
        description="lists the PI disclosed to service providers and contractors in the last 12 months",
    )


class Notice(Strict):
    id: Identifier = Field(
        description="a short id of this notice, unique in the file; channels list it under `notices`"
    )
    kind: NoticeKind = Field(description="what the notice is for")
    channels: list[ChannelKind] = Field(description="kinds of channel it is given on")
    delivery: Delivery = Field(description="how it reaches the consumer")
    text: str | None = Field(default=None, description="the notice's words, as read or shown")
    prompt_ids: list[str] = Field(
        default_factory=list, description="IVR prompt ids or audio names that play it"
    )
    languages: list[str] = Field(default_factory=lambda: ["en"], description="language codes it is given in")
    mentions_third_party_ai: bool | None = Field(
        default=None, description="says that a third party's AI hears or analyses the conversation"
    )
    given_before_collection: bool | None = Field(
        default=None, description="given before any PI is collected on the contact"
    )


RequestMethodKind = Literal[
    "toll_free_number", "web_form", "email", "mail", "in_person", "ivr", "chat", "app"
]


class RequestMethod(Strict):
    kind: RequestMethodKind = Field(description="the means consumers use to submit privacy requests")
    detail: str = Field(default="", description="the number, address or page, in words")
    last_tested: dt.date | None = Field(
        default=None, description="the date the method was last tested end to end"
    )


class FinancialIncentive(Strict):
    name: str = Field(description="the programme's name (loyalty scheme, discount, price difference)")
    notice: Identifier | None = Field(default=None, description="id of its notice")
    value_explained: bool | None = Field(
        default=None,
        description="the notice explains how the value of the consumer's data was calculated (CCR §7016)",
    )


class Practices(Listing):
    """`inventory/practices.yaml`: data privacy practices."""

    privacy_policy: PrivacyPolicy | None = Field(default=None, description="the online privacy policy")
    notices: list[Notice] = Field(
        default_factory=list,
        description="the notices given to consumers: at collection, recording, opt-out, limit and others",
    )
    sells_personal_information: bool | None = Field(default=None, description="sells PI (Civ. §1798.140(ad))")
    shares_personal_information: bool | None = Field(
        default=None, description="for cross-context behavioral advertising"
    )
    opt_out_link: str | None = Field(
        default=None, description='URL of the "Do Not Sell or Share My Personal Information" link'
    )
    limit_link: str | None = Field(
        default=None, description='URL of the "Limit the Use of My Sensitive Personal Information" link'
    )
    honors_opt_out_preference_signals: bool | None = Field(
        default=None, description="treats an opt-out preference signal (Global Privacy Control) as an opt-out"
    )
    uses_spi_beyond_permitted_purposes: bool | None = Field(
        default=None,
        description="uses sensitive PI for purposes beyond CCR §7027(m): the right to limit applies",
    )
    financial_incentives: list[FinancialIncentive] = Field(
        default_factory=list, description="financial incentives or price differences offered for PI"
    )
    request_methods: list[RequestMethod] = Field(
        default_factory=list, description="the methods consumers can use to submit privacy requests"
    )
    alternative_formats_on_request: bool | None = Field(
        default=None, description="notices are offered in alternative formats to consumers with disabilities"
    )


# ---- inventory/channels.yaml


class Channel(Strict):
    id: Identifier = Field(
        description="a short id of this channel, unique in the file; other files refer to it"
    )
    name: str = Field(description="the channel's name as staff know it")
    kind: ChannelKind = Field(description="the kind of contact channel")
    direction: Literal["inbound", "outbound", "both"] = Field(
        default="inbound", description="who starts the contacts: inbound, outbound or both"
    )
    recorded: bool = Field(default=False, description="contacts on it are recorded")
    monitored_live: bool = Field(default=False, description="supervisors or QA listen in live")
    analytics: bool = Field(default=False, description="speech or chat analytics run on it")
    bot: bool = Field(default=False, description="a virtual agent (bot) answers on it")
    self_service_portal: bool = Field(
        default=False, description="consumers can serve themselves on it (portal, app, IVR self-service)"
    )
    languages: list[str] = Field(
        default_factory=lambda: ["en"], description="language codes contacts are handled in"
    )
    notices: list[Identifier] = Field(default_factory=list, description="ids of notices given on it")
    decline_recording_option: bool | None = Field(
        default=None, description="callers can decline recording and still be served"
    )
    greeting: str | None = Field(
        default=None, description="the words callers hear before anything is collected (IVR greeting)"
    )
    flows: list[str] = Field(default_factory=list, description="files under evidence/flows")


class Channels(Listing):
    channels: list[Channel] = Field(
        default_factory=list,
        description="every contact channel: phone lines, chat, email, SMS, social, website",
    )


# ---- inventory/data.yaml

Exemption = Literal[
    "hipaa", "cmia", "glba", "fcra", "dppa", "clinical_trial", "vehicle_warranty", "insurance"
]


class DataElement(Strict):
    id: Identifier = Field(description="a short id of this data element, unique in the file")
    name: str = Field(description="the data element's name, e.g. Caller name")
    category: str = Field(description="CCPA category key from the catalog taxonomy")
    sensitive_kind: str | None = Field(default=None, description="sensitive-PI kind key, if sensitive")
    channels: list[Identifier] = Field(
        default_factory=list, description="ids of the channels (channels.yaml) it is collected on"
    )
    purposes: list[str] = Field(
        default_factory=list, description="the purposes it is collected or used for, in words"
    )
    systems: list[Identifier] = Field(
        default_factory=list,
        description="ids of the systems (systems.yaml) that hold it; left out: not known, []: held nowhere",
    )
    sources: list[str] = Field(
        default_factory=list, description="where it comes from, e.g. consumer, vendor, public records"
    )
    disclosed_to: list[Identifier] = Field(default_factory=list, description="vendor ids")
    sold_or_shared: bool = Field(
        default=False, description="it is sold or shared for cross-context behavioral advertising"
    )
    exemption: Exemption | None = Field(
        default=None,
        description="the law that exempts this data from the CCPA, if any (Civ. §1798.145, §1798.146)",
    )
    retention_days: int | None = Field(default=None, ge=0, description="how many days it is kept")
    spi_for_employment_purposes_only: bool = Field(
        default=False,
        description="workforce SPI used solely for pay, work authorization, benefits, accommodation or "
        "wage reporting: no risk-assessment trigger (CCR §7150(b)(2)(A))",
    )
    kept_indefinitely: bool | None = Field(default=None, description="true: kept with no end date")


class DataInventory(Listing):
    data_elements: list[DataElement] = Field(
        default_factory=list, description="the data map: every kind of PI the contact center collects"
    )


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
    id: Identifier = Field(
        description="a short id of this system, unique in the file; data elements refer to it"
    )
    name: str = Field(description="the system's name as staff know it")
    kind: SystemKind = Field(description="what the system does")
    location: str | None = Field(
        default=None, description="country or region where the data is stored, e.g. US"
    )
    hosted_by: Identifier | None = Field(default=None, description="vendor id, if a vendor hosts it")
    encryption_at_rest: bool | None = Field(default=None, description="stored data is encrypted")
    encryption_in_transit: bool | None = Field(default=None, description="data is encrypted in transit (TLS)")
    access_control: Literal["role_based", "shared_accounts", "none"] | None = Field(
        default=None, description="how access is granted: role_based, shared_accounts or none"
    )
    access_logging: bool | None = Field(default=None, description="access to the data is logged")
    mfa: bool | None = Field(default=None, description="multi-factor authentication is required to sign in")
    retention_days: int | None = Field(default=None, ge=0, description="how many days the data is kept")
    kept_indefinitely: bool | None = Field(default=None, description="true: kept with no end date")
    deletion: Literal["automated", "manual", "none"] | None = Field(
        default=None, description="how data past retention is deleted: automated, manual or none"
    )
    supports_deletion_requests: bool | None = Field(
        default=None, description="a consumer's data can be found and deleted here on request"
    )
    redaction: bool | None = Field(
        default=None, description="PI is redacted before it is stored (recordings, transcripts)"
    )
    cardholder_data: bool = Field(default=False, description="it stores payment card data (PCI DSS scope)")
    connection_env: str | None = Field(
        default=None, description="environment variable holding its connection URL (never the URL itself)"
    )


class Systems(Listing):
    systems: list[System] = Field(
        default_factory=list,
        description="every system that holds PI: telephony, recording, CRM, ticketing, analytics, ...",
    )


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
    id: Identifier = Field(description="a short id of this procedure, unique in the file")
    kind: ProcedureKind = Field(description="what the procedure covers")
    title: str = Field(description="the procedure's title")
    document: str | None = Field(default=None, description="the document's reference or file name")
    owner: str | None = Field(default=None, description="the department or person who owns it")
    last_reviewed: dt.date | None = Field(default=None, description="the date it was last reviewed")
    channels: list[ChannelKind] = Field(default_factory=list, description="kinds of channel it applies to")
    confirm_within_business_days: int | None = Field(
        default=None,
        ge=0,
        description="business days within which a request's receipt is confirmed (CCR §7021: 10)",
    )
    respond_within_days: int | None = Field(
        default=None,
        ge=0,
        description="calendar days within which a request is answered (Civ. §1798.130: 45)",
    )
    act_within_business_days: int | None = Field(
        default=None,
        ge=0,
        description="business days to act on an opt-out or limit request (CCR §7026, §7027: 15)",
    )


class Procedures(Listing):
    procedures: list[Procedure] = Field(
        default_factory=list, description="the standard operating procedures (SOPs) that handle privacy"
    )
    request_records_retention_months: int | None = Field(
        default=None,
        ge=0,
        description="months the records of consumer requests are kept (CCR §7101: at least 24)",
    )
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
    name: str = Field(description="the tool's name")
    kind: AnalyticsKind = Field(description="what the tool does")
    vendor: Identifier | None = Field(
        default=None, description="id of the vendor (vendors.yaml) that provides it"
    )
    redaction: bool | None = Field(default=None, description="it redacts PI from what it stores or shows")
    trains_vendor_models: bool | None = Field(
        default=None, description="the vendor trains its own models on the contact center's data"
    )
    makes_significant_decisions: bool = Field(
        default=False,
        description="its output decides significant matters about consumers or staff (ADMT, CCR §7200)",
    )
    scores_agents: bool | None = Field(
        default=None, description="its output rates agents' performance (CCR §7150(b)(4) observation)"
    )


class Redaction(Strict):
    recordings: bool | None = Field(default=None, description="PI is redacted from call recordings")
    transcripts: bool | None = Field(default=None, description="PI is redacted from transcripts")
    chat: bool | None = Field(default=None, description="PI is redacted from chat logs")


class Technology(Listing):
    """`inventory/technology.yaml`."""

    recording_platform: str | None = Field(default=None, description="the call-recording platform's name")
    recording_vendor: Identifier | None = Field(
        default=None, description="id of the vendor (vendors.yaml) that records the calls"
    )
    analytics: list[AnalyticsTool] = Field(
        default_factory=list, description="every analytics or AI tool used on contacts"
    )
    payment_capture: PaymentCapture | None = Field(
        default=None, description="how card payments are taken on calls"
    )
    payment_capture_methods: list[PaymentCapture] = Field(
        default_factory=list, description="every payment-capture method in use, where there is more than one"
    )
    redaction: Redaction = Field(default=Redaction(), description="where PI is redacted")
    access_logging: bool | None = Field(
        default=None, description="access to recordings and transcripts is logged"
    )
    voice_biometrics: bool = Field(
        default=False, description="voiceprints identify or verify callers (biometric, sensitive PI)"
    )
    session_replay_on_chat: bool = Field(
        default=False, description="session replay records what visitors do in the chat or website"
    )
    ai_training_on_recordings: bool = Field(
        default=False, description="recordings or transcripts train AI models"
    )
    remote_agents: bool | None = Field(default=None, description="agents work from home")
    remote_agent_controls: bool | None = Field(
        default=None,
        description="controls for work-from-home agents (clean desk, no recording devices, locked-down PCs)",
    )
    fraud_controls: bool | None = Field(
        default=None,
        description="controls against social engineering and account takeover on calls are in place",
    )
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
    id: Identifier = Field(description="a short id of this programme, unique in the file")
    name: str = Field(description="the programme's name")
    topics: list[TrainingTopic] = Field(description="what it teaches")
    audiences: list[Audience] = Field(description="who takes it")
    completion_rate: Share | None = Field(
        default=None, ge=0, le=1, description="share of the audience that completed it, 0 to 1"
    )
    last_delivered: dt.date | None = Field(default=None, description="the date it was last delivered")
    frequency_months: int | None = Field(default=None, ge=1, description="months between deliveries")


class Training(Listing):
    programmes: list[Programme] = Field(
        default_factory=list, description="the training programmes staff take"
    )
    written_training_policy: bool | None = Field(
        default=None, description="a written policy says who is trained on privacy, on what, how often"
    )


# ---- inventory/vendors.yaml


class Vendor(Strict):
    id: Identifier = Field(
        description="a short id of this vendor, unique in the file; other files refer to it"
    )
    name: str = Field(description="the vendor's name")
    role: Literal["service_provider", "contractor", "third_party"] = Field(
        description="its CCPA role: service_provider, contractor or third_party"
    )
    services: list[str] = Field(
        default_factory=list, description="what it does for the contact center, in words"
    )
    contract_clauses: list[str] = Field(
        default_factory=list, description="clause keys present (catalog contract_clauses.yaml)"
    )
    contract_signed: dt.date | None = Field(
        default=None, description="the date the current contract was signed"
    )
    contract_in_place: bool | None = Field(
        default=None, description="false: no written contract (a contract_signed date also says there is one)"
    )
    certification_signed: bool | None = Field(
        default=None,
        description="a contractor certified it understands the restrictions (Civ. §1798.140(j)(1)(B))",
    )
    subprocessors_disclosed: bool | None = Field(
        default=None, description="the vendor has disclosed the subcontractors it uses"
    )
    last_diligence: dt.date | None = Field(
        default=None, description="the date of the last due-diligence review of the vendor"
    )
    supports_consumer_requests: bool | None = Field(
        default=None, description="the vendor finds, deletes and corrects PI when asked (CCR §7051(a))"
    )
    agents_location: str | None = Field(
        default=None, description="country code where the vendor's agents work (a BPO), e.g. US, PH"
    )
    share_of_contacts: Share | None = Field(
        default=None, ge=0, le=1, description="share of contacts it handles"
    )


class Vendors(Listing):
    vendors: list[Vendor] = Field(
        default_factory=list, description="every vendor that receives PI: BPOs, platforms, analytics, payment"
    )


# ---- inventory/attestations.yaml


class Attestation(Strict):
    """A declared status for a requirement no automated check decides."""

    status: Literal["met", "partial", "gap"] = Field(description="the declared outcome: met, partial or gap")
    evidence: str = Field(description="where the proof is: document, ticket, date")
    attested_by: str | None = Field(default=None, description="who attests it: name and title")
    date: dt.date | None = Field(default=None, description="the date of the attestation")


class Attestations(Strict):
    attestations: dict[str, Attestation] = Field(
        default_factory=dict,
        description="by requirement id (see `ccpa catalog list`): the declared status and its proof",
    )
