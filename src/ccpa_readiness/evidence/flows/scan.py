"""Analyse files and folders of flow exports; the one code path of `scan_flows` and `ccpa flows check`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.common.guard import unexpected
from ccpa_readiness.evidence.common.models import Observation, ScanResult
from ccpa_readiness.evidence.flows.bundle import link
from ccpa_readiness.evidence.flows.documents import FlowInvalidError, is_flow_file
from ccpa_readiness.evidence.flows.findings import Finding, FlowRules, FlowSummary
from ccpa_readiness.evidence.flows.model import Flow
from ccpa_readiness.evidence.flows.paths import walk
from ccpa_readiness.evidence.flows.readers import read_flows

ANALYSED = "FLOW-ANALYSED"
INVALID = "FLOW-INVALID"


@dataclass
class FlowsReport:
    """Everything one run found: the flows read, their findings, and paths that do not exist."""

    flows: list[Flow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    summaries: list[FlowSummary] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def flow_files(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """The files to read: each file given, and the JSON and YAML files under each folder given
    (hidden folders such as `.git` or `.github` left out)."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p
                for p in path.rglob("*")
                if p.is_file()
                and is_flow_file(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(source=str(path), message="no such file or folder"))
    return sorted(set(files)), problems


def analyse(paths: Sequence[Path], notice_prompts: Sequence[str] = ()) -> FlowsReport:
    """Read every flow, link the flows given together, walk their paths and apply the rules."""
    files, problems = flow_files(paths)
    report = FlowsReport(problems=problems)
    for file in files:
        try:
            report.flows.extend(read_flows(file))
        except FlowInvalidError as error:
            report.findings.append(_invalid(file, error.message, error.location))
        except Exception as error:  # a reader's unforeseen failure costs this file only
            report.findings.append(_invalid(file, unexpected(error), ""))
    if report.flows:
        bundle = link(report.flows)
        declared = frozenset(notice_prompts)
        flow_rules = FlowRules(bundle, walk(bundle, declared), declared)
        report.findings.extend(flow_rules.findings())
        report.summaries = flow_rules.summaries()
    report.findings.sort(key=lambda f: (f.source, f.flow, f.node, f.rule, f.path))
    return report


def _invalid(file: Path, message: str, location: str) -> Finding:
    return Finding(
        rule=INVALID, source=str(file), flow=file.stem, format="", node=location, path=(), message=message
    )


def observations(report: FlowsReport) -> ScanResult:
    """One observation per finding and one `FLOW-ANALYSED` per flow read, sorted."""
    found = [
        Observation(
            kind=f.rule,
            source=f.source,
            location=f.node,
            subject=f.flow,
            snippet=f.snippet,
            attributes={
                "severity": f.severity,
                "path": list(f.path),
                "format": f.format,
                "message": f.message,
            },
        )
        for f in report.findings
    ]
    analysed = [
        Observation(
            kind=ANALYSED,
            source=s.flow.source,
            subject=s.flow.name,
            attributes={
                "format": s.flow.format.value,
                "nodes": s.flow.graph.number_of_nodes(),
                "notice_given": s.notice_given,
                "recording_disclosed": s.recording_disclosed,
                "records": s.records,
                "collects": s.collects,
            },
        )
        for s in report.summaries
    ]
    ordered = sorted(
        found + analysed, key=lambda o: (o.source, o.subject, o.kind != ANALYSED, o.location, o.kind)
    )
    skipped = [
        Problem(source=f.source, location=f.node, message=f"not a readable flow, skipped: {f.message}")
        for f in report.findings
        if f.rule == INVALID
    ]
    return ScanResult(observations=ordered, problems=[*report.problems, *skipped])
