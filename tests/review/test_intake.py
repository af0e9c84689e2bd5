"""The intake: questionnaire pages generated from the workspace models, saved into the YAML
through the loader of `ccpa assess`, audited, and answered by the departments that own them."""

from __future__ import annotations

import datetime as dt
import json
import re
import typing
from collections import defaultdict
from pathlib import Path

import httpx
import pytest
from pydantic import BaseModel, Field, create_model
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from sqlalchemy import select

from ccpa_readiness.assess.deciding_fields import traced_reads
from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.pipeline import run_assessment
from ccpa_readiness.review.intake import sections as sections_module
from ccpa_readiness.review.intake.sections import Section, sections
from ccpa_readiness.review.tables import AuditEntry
from ccpa_readiness.workspace.loader import INVENTORY_MODELS, load_workspace
from ccpa_readiness.workspace.models import Channel, Channels, OrganizationFile
from ccpa_readiness.workspace.template_files import create_workspace
from tests.review.conftest import Browser, World
from tests.review.intake_helpers import copy_acme, form_fields, replace


def _post(browser: Browser, path: str, fields: list[tuple[str, str]], action: str = "save") -> httpx.Response:
    data: dict[str, list[str]] = defaultdict(list)
    for name, value in [*fields, ("_action", action)]:
        data[name].append(value)
    data["csrf_token"] = [browser.csrf]
    response: httpx.Response = browser.client.post(path, data=data, follow_redirects=False)
    return response


def _page_fields(browser: Browser, key: str) -> list[tuple[str, str]]:
    page = browser.client.get(f"/intake/{key}")
    assert page.status_code == 200, page.text[:500]
    return form_fields(page.text, f"/intake/{key}")


def _question(html: str, name: str) -> str:
    node = HTMLParser(html).css_first(f'[data-field="{name}"]')
    assert node is not None, f"no question {name}"
    return node.html or ""


def _audit(world: World, action: str) -> list[AuditEntry]:
    with world.db.read() as session:
        return list(session.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars())


def _models_in(annotation: object) -> list[type[BaseModel]]:
    found = [a for a in (annotation, *typing.get_args(annotation)) if isinstance(a, type)]
    nested = [b for a in typing.get_args(annotation) for b in typing.get_args(a)]
    return [m for m in found + [n for n in nested if isinstance(n, type)] if issubclass(m, BaseModel)]


@pytest.fixture
def acme(world: World) -> Path:
    """The example workspace as the server's workspace (keeping the test's out/ files)."""
    for item in copy_acme(world.workspace.parent / "acme").iterdir():
        target = world.workspace / item.name
        if item.is_dir():
            target.mkdir(exist_ok=True)
            for child in item.iterdir():
                child.rename(target / child.name)
        else:
            item.rename(target)
    return world.workspace


# ---- questions from the models


def test_every_section_asks_every_field_of_its_model_and_its_items(
    acme: Path, browsers: dict[str, Browser]
) -> None:
    client = browsers["viewer"].client
    covered = {"ccpa.yaml"} | {f"inventory/{name}" for name in INVENTORY_MODELS}
    assert {s.file for s in sections()} == covered
    assert {s.part for s in sections() if s.file == "ccpa.yaml"} == set(OrganizationFile.model_fields)
    for section in sections():
        html = client.get(f"/intake/{section.key}").text
        for name, info in section.model.model_fields.items():
            if name == "complete_lists":
                continue
            path = f"{section.prefix}.{name}" if section.prefix else name
            _question(html, path)
            for inner in _models_in(info.annotation):  # the first item (where the example has one)
                if f'data-field="{path}.0"' in html:
                    for inner_name in inner.model_fields:
                        _question(html, f"{path}.0.{inner_name}")


def test_a_field_added_to_a_model_is_asked_without_new_form_code(
    monkeypatch: pytest.MonkeyPatch, acme: Path, browsers: dict[str, Browser]
) -> None:
    channel = create_model(
        "Channel",
        __base__=Channel,
        callback_offered=(bool | None, Field(default=None, description="callers may ask to be called back")),
        queue=(typing.Literal["care", "billing"] | None, None),
    )
    channels = create_model(
        "Channels", __base__=Channels, channels=(list[channel], Field(default_factory=list))
    )  # type: ignore[valid-type]
    patched = tuple(
        Section(s.key, s.file, s.part, s.title, s.owners, channels) if s.key == "channels" else s
        for s in sections()
    )
    monkeypatch.setattr(sections_module, "sections", lambda: patched)
    html = browsers["admin"].client.get("/intake/channels").text
    callback = _question(html, "channels.0.callback_offered")
    assert "callers may ask to be called back" in callback
    assert 'value="unknown"' in callback and 'type="radio"' in callback
    queue = _question(html, "channels.0.queue")
    assert '<option value="billing"' in queue and '<option value="__unknown__"' in queue


def test_each_type_gets_its_control_and_unknown_where_null_is_allowed(
    acme: Path, browsers: dict[str, Browser]
) -> None:
    client = browsers["admin"].client
    organization = client.get("/intake/organization").text
    assert 'value="unknown"' in _question(organization, "organization.is_data_broker")
    assert 'value="unknown"' not in _question(organization, "organization.for_profit")  # required
    roles = _question(organization, "organization.roles")
    assert roles.count('type="checkbox" name="organization.roles"') == 4
    revenue = _question(organization, "organization.annual_gross_revenue_usd")
    assert (
        'inputmode="decimal"' in revenue and 'name="organization.annual_gross_revenue_usd~unknown"' in revenue
    )
    assert 'type="date"' in _question(client.get("/intake/plan").text, "plan.start")
    channels = client.get("/intake/channels").text
    assert '<option value="voice_ivr"' in _question(channels, "channels.0.kind")
    assert 'value="add:channels"' in channels and 'value="remove:channels.1"' in channels
    assert 'name="channels~complete" value="complete" checked' in channels  # the example's complete list
    resources = client.get("/intake/resources").text
    assert "resources.departments.Vendor management.people" in resources  # one group per department


def test_each_question_shows_the_template_help_and_the_requirements_it_decides(
    acme: Path, browsers: dict[str, Browser]
) -> None:
    channels = browsers["viewer"].client.get("/intake/channels").text
    recorded = _question(channels, "channels.0.decline_recording_option")
    assert "can callers decline recording and still be served?" in recorded  # the template's comment
    assert "CIPA-DECLINE-PATH-01" in recorded
    systems = browsers["viewer"].client.get("/intake/systems").text
    assert "SEC-ENCRYPT-REDACT-01" in _question(systems, "systems.0.encryption_at_rest")


def test_the_requirements_come_from_tracing_the_checks() -> None:
    reads = traced_reads(default_catalog())
    assert {("System", "encryption_at_rest"), ("System", "encryption_in_transit")} <= reads[
        "check:systems_encrypted"
    ]
    assert ("Channel", "decline_recording_option") in reads["check:decline_recording_path"]
    assert ("Attestation", "status") in set().union(
        *(v for k, v in reads.items() if k.startswith("requirement:"))
    )


# ---- saving


def test_a_save_writes_the_yaml_keeping_comments_and_is_audited(
    world: World, browsers: dict[str, Browser]
) -> None:
    create_workspace(world.workspace)
    systems_file = world.workspace / "inventory" / "systems.yaml"
    before = systems_file.read_text(encoding="utf-8")
    it = browsers["it"]
    added = _post(it, "/intake/systems", _page_fields(it, "systems"), action="add:systems")
    assert added.status_code == 200 and 'data-field="systems.0.id"' in added.text
    assert systems_file.read_text(encoding="utf-8") == before  # adding an item saves nothing
    fields = form_fields(added.text, "/intake/systems")
    for name, value in [
        ("systems.0.id", "crm"),
        ("systems.0.name", "Customer CRM"),
        ("systems.0.kind", "crm"),
        ("systems.0.mfa", "true"),
        ("systems.0.encryption_at_rest", "unknown"),
        ("systems.0.retention_days", "365"),
        ("systems~complete", "complete"),
    ]:
        fields = replace(fields, name, value)
    saved = _post(it, "/intake/systems", fields)
    assert saved.status_code == 303, saved.text[:2000]
    text = systems_file.read_text(encoding="utf-8")
    assert text.startswith("# Where the data is stored.")
    assert "#    encryption_at_rest: null" in text  # the template's commented example stays
    assert re.search(
        r"^complete_lists: \[systems\] +# \[systems\] once every system holding PI is listed$", text, re.M
    )
    assert "encryption_at_rest: null\n" in text and "mfa: true" in text
    system = load_workspace(world.workspace).inventory["systems.yaml"].systems[0]  # type: ignore[attr-defined]
    assert (system.id, system.mfa, system.encryption_at_rest, system.retention_days) == (
        "crm",
        True,
        None,
        365,
    )
    assert "\n    access_logging" not in text  # not answered: left out, unknown to the checks
    [entry] = _audit(world, "intake.save")
    detail = json.loads(entry.detail)
    assert entry.actor == "it@example.com" and entry.subject == "systems"
    changes = {c["field"]: (c["from"], c["to"]) for c in detail["changes"]}
    assert changes["systems.0.mfa"] == ("(not stated)", True)
    assert changes["systems.0.encryption_at_rest"] == ("(not stated)", None)
    assert changes["complete_lists"] == ([], ["systems"])


def test_unchanged_answers_write_nothing_and_audit_nothing(
    acme: Path, world: World, browsers: dict[str, Browser]
) -> None:
    texts = {p: p.read_text(encoding="utf-8") for p in acme.rglob("*.yaml")}
    admin = browsers["admin"]
    for section in sections():
        response = _post(admin, f"/intake/{section.key}", _page_fields(admin, section.key))
        assert response.status_code == 303, (section.key, response.text[:3000])
    assert {p: p.read_text(encoding="utf-8") for p in acme.rglob("*.yaml")} == texts
    assert _audit(world, "intake.save") == []


def test_invalid_input_shows_the_error_at_the_field_and_writes_nothing(
    acme: Path, world: World, browsers: dict[str, Browser]
) -> None:
    admin = browsers["admin"]
    ccpa = (acme / "ccpa.yaml").read_text(encoding="utf-8")
    fields = replace(_page_fields(admin, "organization"), "organization.annual_gross_revenue_usd", "-5")
    fields = replace(fields, "organization.revenue_year", "last year")
    response = _post(admin, "/intake/organization", fields)
    assert response.status_code == 400
    assert "greater than or equal to 0" in _question(response.text, "organization.annual_gross_revenue_usd")
    assert "'last year' is not a whole number" in _question(response.text, "organization.revenue_year")
    assert 'value="-5.0"' in response.text  # the answers are kept to correct
    assert "Nothing was saved" in response.text
    assert (acme / "ccpa.yaml").read_text(encoding="utf-8") == ccpa
    assert _audit(world, "intake.save") == []


def test_a_change_that_breaks_another_file_is_refused(acme: Path, browsers: dict[str, Browser]) -> None:
    """Removing a channel the data map still names: the loader's cross-reference problem."""
    admin = browsers["admin"]
    channels = (acme / "inventory" / "channels.yaml").read_text(encoding="utf-8")
    removed = _post(admin, "/intake/channels", _page_fields(admin, "channels"), action="remove:channels.0")
    assert 'value="ivr-main"' not in removed.text
    response = _post(admin, "/intake/channels", form_fields(removed.text, "/intake/channels"))
    assert response.status_code == 400
    assert "inventory/data.yaml" in response.text and "no channel with id &#39;ivr-main&#39;" in response.text
    assert (acme / "inventory" / "channels.yaml").read_text(encoding="utf-8") == channels


def test_a_stale_form_is_not_saved_over_a_newer_file(acme: Path, browsers: dict[str, Browser]) -> None:
    admin = browsers["admin"]
    fields = _page_fields(admin, "volumes")
    path = acme / "ccpa.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited by hand meanwhile\n", encoding="utf-8")
    response = _post(admin, "/intake/volumes", replace(fields, "volumes.calls_per_year", "5"))
    assert response.status_code == 409
    assert "changed since this form was opened" in response.text
    assert "calls_per_year: 5" not in path.read_text(encoding="utf-8")


# ---- departments, owners, progress


def test_a_reviewer_edits_their_departments_sections_and_reads_the_others(
    acme: Path, browsers: dict[str, Browser]
) -> None:
    legal, it = browsers["legal"], browsers["it"]
    practices = legal.client.get("/intake/practices").text
    assert 'value="save"' in practices and "Read only" not in practices
    systems = legal.client.get("/intake/systems").text
    assert 'value="save"' not in systems and "Read only: this section is answered by IT, Security" in systems
    assert (
        _post(
            legal, "/intake/systems", form_fields(it.client.get("/intake/systems").text, "/intake/systems")
        ).status_code
        == 403
    )
    assert _post(legal, "/intake/systems", [], action="add:systems").status_code == 403  # no edits at all


def test_an_admin_assigns_a_section_and_the_rights_follow(
    world: World, acme: Path, browsers: dict[str, Browser]
) -> None:
    admin, legal = browsers["admin"], browsers["legal"]
    fields = _page_fields(admin, "training")
    assert _post(legal, "/intake/training", fields).status_code == 403
    assigned = admin.client.post(
        "/intake/training/owners",
        data={"csrf_token": admin.csrf, "departments": ["Training/HR", "Legal"]},
        follow_redirects=False,
    )
    assert assigned.status_code == 303
    assert _post(legal, "/intake/training", fields).status_code == 303
    assert "Legal, Training/HR" in admin.client.get("/intake").text
    [entry] = _audit(world, "intake.assign")
    assert json.loads(entry.detail) == {"from": ["Training/HR"], "to": ["Legal", "Training/HR"]}
    bad = admin.client.post(
        "/intake/training/owners",
        data={"csrf_token": admin.csrf, "departments": ["Marketing"]},
        follow_redirects=False,
    )
    assert bad.status_code == 400


def test_progress_per_section_and_department(world: World, browsers: dict[str, Browser]) -> None:
    admin = browsers["admin"]
    index = HTMLParser(admin.client.get("/intake").text)
    rows = {row.css_first("th").text(): row.text() for row in index.css("#intake-sections tbody tr")}
    assert "0 answered · 0 unknown" in rows["Channels"]  # no workspace file yet: nothing started
    create_workspace(world.workspace)
    fields = replace(_page_fields(admin, "volumes"), "volumes.calls_per_year", "120000")
    fields = replace(fields, "volumes.chats_per_year~unknown", None)  # left unanswered
    fields = replace(fields, "volumes.chats_per_year", "")
    assert _post(admin, "/intake/volumes", fields).status_code == 303
    page = admin.client.get("/intake/volumes").text
    assert 'data-field="volumes.calls_per_year" data-state="answered"' in page
    assert 'data-field="volumes.chats_per_year" data-state="not started"' in page
    assert 'data-field="volumes.sms_per_year" data-state="unknown"' in page  # the template's null
    index = HTMLParser(admin.client.get("/intake").text)
    rows = {row.css_first("th").text(): row.text() for row in index.css("#intake-sections tbody tr")}
    assert "2 answered · 3 unknown · 1 not started" in rows["Contact volumes"]
    departments = {
        row.css_first("th").text(): row.text() for row in index.css("#intake-departments tbody tr")
    }
    owned = [_counts(rows[title]) for title in ("Contact volumes", "Channels", "Procedures")]  # Operations'
    assert _counts(departments["Operations"]) == tuple(map(sum, zip(*owned, strict=True)))


def _counts(text: str) -> tuple[int, ...]:
    found = re.search(r"(\d+) answered · (\d+) unknown · (\d+) not started", text)
    assert found, text
    return tuple(int(n) for n in found.groups())


# ---- round trip: by hand or through the forms, the same workspace


def _hand_comments(root: Path) -> dict[Path, list[str]]:
    """Comments written by hand into every YAML file of the workspace: a header and one beside a key."""
    written = {}
    for path in sorted(root.rglob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        comments = [f"# kept by hand in {path.name}", f"# beside the first key of {path.name}"]
        first = next(i for i, line in enumerate(lines) if line and not line.startswith("#"))
        lines[first] += f"   {comments[1]}"
        path.write_text("\n".join([comments[0], *lines]) + "\n", encoding="utf-8")
        written[path] = comments
    return written


def _findings(root: Path) -> list[tuple[str, str, str, list[str]]]:
    assessment = run_assessment(root, as_of=dt.date(2026, 12, 1)).assessment
    return [(f.requirement_id, f.outcome.value, f.reason, f.missing_information) for f in assessment.findings]


@pytest.mark.slow
def test_the_same_answers_by_hand_or_through_the_forms_give_the_same_findings(
    acme: Path, world: World, browsers: dict[str, Browser]
) -> None:
    by_hand = copy_acme(world.workspace.parent / "by-hand")
    comments = _hand_comments(acme)
    _hand_comments(by_hand)
    edits = {  # section: (form answers, the same change made by hand in the file)
        "channels": (
            [("channels.0.decline_recording_option", "true"), ("channels.3.bot", "false")],
            [
                ("    decline_recording_option: false\n", "    decline_recording_option: true\n", 1),
                ("    bot: true\n", "    bot: false\n", 1),
            ],
        ),
        "volumes": (
            [("volumes.calls_per_year", ""), ("volumes.calls_per_year~unknown", "1")],
            [("calls_per_year: 1800000", "calls_per_year: null", 1)],
        ),
        "systems": ([("systems.0.mfa", "unknown")], [("    mfa: true\n", "    mfa: null\n", 1)]),
    }
    admin = browsers["admin"]
    for key, (answers, _) in edits.items():
        fields = _page_fields(admin, key)
        for name, value in answers:
            fields = replace(fields, name, value)
        assert _post(admin, f"/intake/{key}", fields).status_code == 303, key
    for key, (_, replacements) in edits.items():
        target = by_hand / sections_module.section(key).file  # type: ignore[union-attr]
        text = target.read_text(encoding="utf-8")
        for old, new, count in replacements:
            assert old in text, (key, old)
            text = text.replace(old, new, count)
        target.write_text(text, encoding="utf-8")
    for path, written in comments.items():
        text = path.read_text(encoding="utf-8")
        assert all(comment in text for comment in written), path  # the forms kept the hand's comments
    assert _findings(acme) == _findings(by_hand)
    assert _findings(acme) != _findings(copy_acme(world.workspace.parent / "untouched"))
