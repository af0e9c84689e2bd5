"""Load the catalog's YAML files into one validated `Catalog`."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TypeVar

import networkx as nx
from pydantic import TypeAdapter, ValidationError

from ccpa_readiness.catalog.models import (
    Catalog,
    ContractClause,
    LawData,
    RemediationTask,
    Requirement,
    Taxonomy,
)
from ccpa_readiness.errors import InputError, Problem
from ccpa_readiness.yamlfile import YamlDocument, read_yaml, validate_document, validation_problems

DATA_DIR = Path(__file__).parent / "data"

T = TypeVar("T")
Loaded = TypeVar("Loaded", LawData, Taxonomy)

_requirements_adapter = TypeAdapter(list[Requirement])
_tasks_adapter = TypeAdapter(dict[str, RemediationTask])
_clauses_adapter = TypeAdapter(list[ContractClause])


@cache
def default_catalog() -> Catalog:
    """The catalog shipped with the package (loaded once)."""
    return load_catalog(DATA_DIR)


def load_catalog(data_dir: Path) -> Catalog:
    """Read and cross-check a catalog folder; every problem found is raised together."""
    problems: list[Problem] = []
    law = _load_one(data_dir / "law.yaml", LawData, problems)
    taxonomy = _load_one(data_dir / "taxonomy.yaml", Taxonomy, problems)
    tasks_doc = _read(data_dir / "tasks.yaml", problems)
    tasks = _validate(tasks_doc, _tasks_adapter, problems) if tasks_doc else None
    clauses_doc = _read(data_dir / "contract_clauses.yaml", problems)
    clauses = _validate(clauses_doc, _clauses_adapter, problems) if clauses_doc else None
    requirements: list[Requirement] = []
    requirement_docs: dict[str, tuple[YamlDocument, int]] = {}
    requirement_files = sorted((data_dir / "requirements").glob("*.yaml"))
    if not requirement_files:
        problems.append(Problem(source=str(data_dir / "requirements"), message="no requirement files"))
    for path in requirement_files:
        document = _read(path, problems)
        loaded = _validate(document, _requirements_adapter, problems) if document else None
        for index, requirement in enumerate(loaded or []):
            requirements.append(requirement)
            if document is not None:
                requirement_docs.setdefault(requirement.id, (document, index))
    if law is None or taxonomy is None or tasks is None or clauses is None or problems:
        raise InputError(problems)
    problems.extend(_cross_problems(requirements, requirement_docs, tasks, tasks_doc))
    if problems:
        raise InputError(problems)
    return Catalog(
        law=law,
        requirements=sorted(requirements, key=lambda r: r.id),
        tasks=tasks,
        taxonomy=taxonomy,
        contract_clauses=clauses,
    )


def _read(path: Path, problems: list[Problem]) -> YamlDocument | None:
    try:
        return read_yaml(path)
    except InputError as error:
        problems.extend(error.problems)
        return None


def _load_one(path: Path, model: type[Loaded], problems: list[Problem]) -> Loaded | None:
    document = _read(path, problems)
    if document is None:
        return None
    try:
        return validate_document(document, model)
    except InputError as error:
        problems.extend(error.problems)
        return None


def _validate(document: YamlDocument, adapter: TypeAdapter[T], problems: list[Problem]) -> T | None:
    try:
        return adapter.validate_python(document.data)
    except ValidationError as error:
        problems.extend(validation_problems(document, error))
        return None


def _cross_problems(
    requirements: list[Requirement],
    requirement_docs: dict[str, tuple[YamlDocument, int]],
    tasks: dict[str, RemediationTask],
    tasks_doc: YamlDocument | None,
) -> list[Problem]:
    """Duplicate ids, task references that point nowhere, and dependency cycles."""
    problems: list[Problem] = []

    def at_requirement(requirement_id: str, field: str, message: str) -> Problem:
        document, index = requirement_docs[requirement_id]
        return Problem(
            source=str(document.path),
            location=str(document.line_of((index, field))),
            message=f"{requirement_id}.{field}: {message}",
        )

    def at_task(task_id: str, field: str, message: str) -> Problem:
        line = tasks_doc.line_of((task_id, field)) if tasks_doc else 1
        source = str(tasks_doc.path) if tasks_doc else "tasks.yaml"
        return Problem(source=source, location=str(line), message=f"{task_id}.{field}: {message}")

    seen: set[str] = set()
    for requirement in requirements:
        if requirement.id in seen:
            problems.append(at_requirement(requirement.id, "id", "duplicate requirement id"))
        seen.add(requirement.id)
        for task_id in requirement.remediation:
            if task_id not in tasks:
                problems.append(at_requirement(requirement.id, "remediation", f"no task '{task_id}'"))
    graph: nx.DiGraph = nx.DiGraph()
    for task_id, task in tasks.items():
        if task.id != task_id:
            problems.append(at_task(task_id, "id", f"id '{task.id}' differs from its key"))
        graph.add_node(task_id)
        for dependency in task.depends_on:
            if dependency not in tasks:
                problems.append(at_task(task_id, "depends_on", f"no task '{dependency}'"))
            else:
                graph.add_edge(dependency, task_id)
    for cycle in sorted(sorted(c) for c in nx.simple_cycles(graph)):
        problems.append(at_task(cycle[0], "depends_on", f"dependency cycle: {' -> '.join(cycle)}"))
    return problems
