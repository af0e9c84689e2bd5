"""Every figure and date of law is keyed in law.yaml: checks `ccpa catalog validate` runs.

- a requirement's `compliance_date` and a date tier's revenue figure name keys that exist;
- a periodically adjusted figure (CPI, §1798.199.95(d)) says so (`adjusted_by`) and until when it
  holds (`valid_until`);
- a date after the catalog's law-as-of date written in a requirement's text is a keyed date
  (a compliance date, one of its tiers, or a figure's effective or valid-until date);
- a verification status is the weakest element's: not stronger than any status its note or
  citations name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from ccpa_readiness.catalog.models import Catalog, Requirement
from ccpa_readiness.errors import Problem

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
WRITTEN_DATE = re.compile(r"\b(\d{1,2}) ([A-Za-z]{3,9})\.? (20\d\d)\b")
ISO_DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
ADJUSTED = re.compile(r"CPI-adjusted|adjust\w* under §1798\.199\.95\(d\)")
STATUS = re.compile(r"(?<![\w-])(V-P|V-S|U)(?![\w-])")
STRENGTH = {"V-P": 2, "V-S": 1, "U": 0}


def dates_in(text: str) -> Iterator[dt.date]:
    """The calendar dates written in a text ("1 Jan 2027", "31 December 2027", "2028-04-01")."""
    for day, month, year in WRITTEN_DATE.findall(text):
        number = MONTHS.get(month.lower())
        if number is not None:
            yield dt.date(int(year), number, int(day))
    for year, month, day in ISO_DATE.findall(text):
        yield dt.date(int(year), int(month), int(day))


def requirement_text(requirement: Requirement) -> str:
    return " ".join(
        [
            requirement.obligation,
            requirement.applies_when_text,
            requirement.evidence_expected,
            *requirement.citations,
        ]
    )


def keyed_dates(catalog: Catalog) -> set[dt.date]:
    law = catalog.law
    dates = {d.date for d in law.compliance_dates.values()}
    dates |= {tier.date for d in law.compliance_dates.values() for tier in d.tiers}
    dates |= {f.effective for f in law.figures.values()}
    dates |= {f.valid_until for f in law.figures.values() if f.valid_until is not None}
    return dates


def law_key_problems(catalog: Catalog, data_dir: Path) -> list[Problem]:
    law_file = str(data_dir / "law.yaml")
    problems: list[Problem] = []
    for key, figure in sorted(catalog.law.figures.items()):
        adjusted = ADJUSTED.search(f"{figure.citation} {figure.note}") is not None
        if adjusted and figure.adjusted_by is None:
            problems.append(
                Problem(source=law_file, message=f"figures.{key}: periodically adjusted, no adjusted_by")
            )
        if figure.adjusted_by is not None and figure.valid_until is None:
            problems.append(
                Problem(source=law_file, message=f"figures.{key}: adjusted_by without valid_until")
            )
    for key, date in sorted(catalog.law.compliance_dates.items()):
        for tier in date.tiers:
            for figure_key in (tier.revenue_above, tier.revenue_at_least):
                if figure_key is not None and figure_key not in catalog.law.figures:
                    problems.append(
                        Problem(source=law_file, message=f"compliance_dates.{key}: no figure '{figure_key}'")
                    )
    keyed = keyed_dates(catalog)
    for requirement in catalog.requirements:
        source = str(data_dir / "requirements" / f"{requirement.area.value}.yaml")
        if requirement.compliance_date and requirement.compliance_date not in catalog.law.compliance_dates:
            problems.append(
                Problem(
                    source=source,
                    message=f"{requirement.id}: no compliance date '{requirement.compliance_date}'",
                )
            )
        for day in sorted(set(dates_in(requirement_text(requirement)))):
            if day > catalog.law.law_as_of and day not in keyed:
                problems.append(
                    Problem(source=source, message=f"{requirement.id}: date {day} is not keyed in law.yaml")
                )
        verification = requirement.verification
        named = STATUS.findall(f"{verification.note} {' '.join(requirement.citations)}")
        weakest = min([verification.status, *named], key=STRENGTH.__getitem__)
        if weakest != verification.status:
            problems.append(
                Problem(
                    source=source,
                    message=f"{requirement.id}: verification {verification.status} is stronger than its "
                    f"weakest element ({weakest})",
                )
            )
    return problems
