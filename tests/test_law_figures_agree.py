"""Every figure of law agrees with law.yaml: those a scanner keeps beside its data (scanners cannot
read the catalog), and those written in the requirements' text (amounts, deadlines, dates)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ccpa_readiness.catalog.law_keys import dates_in, keyed_dates, law_key_problems
from ccpa_readiness.catalog.loader import DATA_DIR, default_catalog, load_catalog
from ccpa_readiness.evidence.documents.definitions import check_vocabulary


def test_privacy_policy_refresh_limit_matches_the_catalog() -> None:
    figure = default_catalog().figure("privacy_policy_refresh_months")
    assert check_vocabulary().last_updated_max_months == figure.value


CATALOG = default_catalog()
AMOUNT = re.compile(r"\$(\d[\d,]*(?:\.\d+)?)(M?)")
DAYS = re.compile(r"\b(\d+) (business|calendar) days\b")
SETTLEMENT = re.compile(r"20\d\d[^.;]{0,25}$")  # "(2026-05-08, $12.75M": an enforcement amount, not law


def _texts() -> list[tuple[str, str]]:
    return [
        (r.id, " ".join((r.obligation, r.applies_when_text, r.evidence_expected)))
        for r in CATALOG.requirements
    ]


def _law_amounts() -> set[float]:
    amounts = {f.value for f in CATALOG.law.figures.values() if f.unit.startswith("USD")}
    amounts |= {a for p in CATALOG.law.penalties.values() for a in (p.low_usd, p.high_usd) if a is not None}
    return amounts


def test_every_dollar_figure_in_a_requirement_is_keyed_in_law_yaml() -> None:
    known = _law_amounts()
    stray = []
    for requirement_id, text in _texts():
        for match in AMOUNT.finditer(text):
            if SETTLEMENT.search(text[: match.start()]):
                continue
            value = float(match[1].replace(",", "")) * (1_000_000 if match[2] else 1)
            if value not in known:
                stray.append(f"{requirement_id}: {match[0]}")
    assert not stray


def test_every_deadline_in_days_in_a_requirement_is_keyed_in_law_yaml() -> None:
    figures = {(f.value, f.unit) for f in CATALOG.law.figures.values()}
    stray = [
        f"{requirement_id}: {match[0]}"
        for requirement_id, text in _texts()
        for match in DAYS.finditer(text)
        if (float(match[1]), f"{match[2]}_days") not in figures
    ]
    assert not stray


def test_penalty_amounts_are_the_figures() -> None:
    penalties, figure = CATALOG.law.penalties, CATALOG.figure
    assert penalties["P-ADMIN"].high_usd == penalties["P-AG"].high_usd == figure("admin_fine_usd").value
    assert (penalties["P-PRA"].low_usd, penalties["P-PRA"].high_usd) == (
        figure("pra_low_usd").value,
        figure("pra_high_usd").value,
    )
    assert penalties["P-CIPA"].low_usd == figure("cipa_per_violation_usd").value


def test_every_later_date_in_a_requirement_is_a_keyed_compliance_date() -> None:
    later = {d for r in CATALOG.requirements for d in dates_in(r.obligation) if d > CATALOG.law.law_as_of}
    assert later and later <= keyed_dates(CATALOG)
    assert not law_key_problems(CATALOG, DATA_DIR)


def test_validate_names_an_unkeyed_date_and_an_unbounded_adjusted_figure(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    ra = data / "requirements" / "risk_audit_admt.yaml"
    ra.write_text(ra.read_text().replace("By 1 April 2028", "By 1 March 2029"))
    law = data / "law.yaml"
    law.write_text(law.read_text().replace("    valid_until: 2026-12-31\n", "", 1))
    messages = [p.message for p in law_key_problems(load_catalog(data), data)]
    assert "RA-SUBMISSION-01: date 2029-03-01 is not keyed in law.yaml" in messages
    assert "figures.revenue_threshold_usd: adjusted_by without valid_until" in messages
