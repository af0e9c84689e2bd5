#!/usr/bin/env python3
"""Load test of the review app on loopback: concurrent reviewers comment and sign off.

Starts the real server (uvicorn, one process) on 127.0.0.1 over a fresh store (SQLite by default,
or `--db URL`, for example the test PostgreSQL server), adds the reviewers (argon2 hashes), logs
each one in, then for `--duration` seconds every reviewer in turn reads a task page, comments on
it, and every fifth round approves or requests changes for their department. Afterwards it checks
the store against what the server acknowledged: no comment or sign-off lost, none written twice,
and the audit chain intact with one entry per action. Prints requests/s and latency percentiles.

usage: python bench/review_load.py [--reviewers 50] [--duration 60] [--db URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from ccpa_readiness.review import audit
from ccpa_readiness.review.database import Database
from ccpa_readiness.review.inputs import load_inputs
from ccpa_readiness.review.tables import AuditEntry, Comment, SignOff
from ccpa_readiness.review.users import add_user
from ccpa_readiness.review.versions import import_version
from ccpa_readiness.vocabulary import Department

HOST = "127.0.0.1"  # loopback only, by design
PASSWORD = "load test password"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
HASH = re.compile(r'name="content_hash" value="([0-9a-f]{64})"')
DEPARTMENTS = [d.value for d in Department]
TASKS_PER_DEPARTMENT = 3
LOGINS_AT_ONCE = 4


def write_workspace(folder: Path) -> None:
    """A synthetic `out/`: three tasks per department, each closing two findings."""
    findings, tasks = [], []
    for d, department in enumerate(DEPARTMENTS):
        for t in range(TASKS_PER_DEPARTMENT):
            ids = [f"R{d}{t}{k}" for k in range(2)]
            findings += [
                {
                    "requirement_id": rid,
                    "title": f"Requirement {rid}",
                    "area": "governance",
                    "citations": ["§7001"],
                    "outcome": "gap",
                    "severity": "high",
                    "risk_score": 70,
                    "basis": "declared",
                    "reason": "synthetic",
                }
                for rid in ids
            ]
            tasks.append(
                {
                    "id": f"T{d}{t}",
                    "title": f"Task {d}.{t}",
                    "department": department,
                    "effort_days": 5,
                    "crew": 1,
                    "start": "2027-01-04",
                    "end": "2027-01-29",
                    "depends_on": [],
                    "cost": 5000,
                    "requirement_ids": ids,
                    "phase": "fix",
                    "critical": False,
                }
            )
    out = folder / "out"
    out.mkdir(parents=True, exist_ok=True)
    assessment = {
        "organization": "Load Test Co",
        "as_of": "2026-11-01",
        "catalog": {"version": "bench", "law_as_of": "2026-01-01"},
        "applicability": {"applies": True, "determined": True},
        "findings": findings,
        "scores": {"overall": 10, "by_area": {}},
    }
    roadmap = {
        "start": "2027-01-04",
        "deadline": "2027-06-30",
        "tasks": tasks,
        "budget": {"total": 5000 * len(tasks)},
    }
    (out / "findings.json").write_text(json.dumps(assessment), encoding="utf-8")
    (out / "roadmap.json").write_text(json.dumps(roadmap), encoding="utf-8")


def prepare_store(url: str, workspace: Path, reviewers: int) -> None:
    db = Database(url, workspace=workspace)
    db.upgrade()
    with db.write() as session:
        import_version(session, load_inputs(workspace), "bench")
    for n in range(reviewers):
        with db.write() as session:
            add_user(session, "bench", email(n), DEPARTMENTS[n % len(DEPARTMENTS)], "reviewer", PASSWORD)
    db.engine.dispose()


def email(n: int) -> str:
    return f"reviewer{n:03d}@example.com"


def serve(url: str, workspace: str, port: int) -> None:
    """The server process."""
    import uvicorn

    from ccpa_readiness.review.app import create_app
    from ccpa_readiness.review.settings import Settings

    app = create_app(Settings(db_url=url, workspace=Path(workspace), login_attempts_per_minute=100_000))
    # keep-alive outlasts the login phase, when clients wait for each other
    uvicorn.run(app, host=HOST, port=port, log_level="warning", backlog=256, timeout_keep_alive=120)


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)
    comments: list[str] = field(default_factory=list)  # bodies the server acknowledged
    signoffs: int = 0
    unacknowledged: int = 0  # writes whose answer never came (timeouts): may or may not be stored


async def timed(tally: Tally, call: Coroutine[Any, Any, httpx.Response]) -> httpx.Response | None:
    """The response and its latency; None when no answer came (counted as a failure)."""
    started = time.perf_counter()
    try:
        response = await call
    except httpx.HTTPError as error:
        tally.failures[type(error).__name__] += 1
        return None
    tally.latencies.append(time.perf_counter() - started)
    return response


def answered(tally: Tally, response: httpx.Response, expected: int) -> bool:
    if response.status_code != expected:
        tally.failures[f"HTTP {response.status_code}"] += 1
        return False
    return True


async def write(tally: Tally, call: Coroutine[Any, Any, httpx.Response]) -> bool:
    """A state-changing request: True when the server acknowledged it (303 See Other)."""
    response = await timed(tally, call)
    if response is None:
        tally.unacknowledged += 1
        return False
    return answered(tally, response, 303)


async def log_in(client: httpx.AsyncClient, n: int) -> tuple[str, str]:
    """Log reviewer `n` in; returns their CSRF token and the current version's content hash."""
    page = await client.get("/login")
    token = CSRF.search(page.text)
    assert token, "login form without CSRF token"
    data = {"email": email(n), "password": PASSWORD, "csrf_token": token.group(1)}
    login = await client.post("/login", data=data)
    assert login.status_code == 303, f"login failed for {email(n)}: {login.status_code}"
    signoff_page = (await client.get("/signoff")).text
    return CSRF.findall(signoff_page)[0], HASH.findall(signoff_page)[0]


async def reviewer(
    n: int, base: str, duration: float, tally: Tally, ready: asyncio.Barrier, logins: asyncio.Semaphore
) -> None:
    department = DEPARTMENTS[n % len(DEPARTMENTS)]
    task_ids = [f"T{DEPARTMENTS.index(department)}{t}" for t in range(TASKS_PER_DEPARTMENT)]
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        try:
            async with logins:  # argon2 is meant to be costly: log in a few at a time
                csrf, content_hash = await log_in(client, n)
        except BaseException:
            await ready.abort()  # nobody waits for a reviewer who will not come
            raise
        await ready.wait()  # everyone is logged in: the clock starts
        stop_at, round_no = time.monotonic() + duration, 0
        while time.monotonic() < stop_at:
            task_id = task_ids[round_no % len(task_ids)]
            read = await timed(tally, client.get(f"/tasks/{task_id}"))
            if read is not None:
                answered(tally, read, 200)
            body = f"load r{n} n{round_no}: checked {task_id}"
            comment = {"csrf_token": csrf, "target": "task", "target_id": task_id, "body": body}
            if await write(tally, client.post("/comments", data=comment)):
                tally.comments.append(body)
            if round_no % 5 == 4:
                decision = "approve" if round_no % 10 == 9 else "request_changes"
                form = {"csrf_token": csrf, "decision": decision, "reason": f"r{n} n{round_no}"}
                if await write(tally, client.post("/signoff", data={**form, "content_hash": content_hash})):
                    tally.signoffs += 1
            round_no += 1


async def load(base: str, reviewers: int, duration: float, tally: Tally) -> float:
    """Run every reviewer; returns the seconds under load."""
    ready, logins = asyncio.Barrier(reviewers + 1), asyncio.Semaphore(LOGINS_AT_ONCE)
    tasks = [asyncio.create_task(reviewer(n, base, duration, tally, ready, logins)) for n in range(reviewers)]
    try:
        await ready.wait()
    except asyncio.BrokenBarrierError:
        failed = [
            r for r in await asyncio.gather(*tasks, return_exceptions=True) if isinstance(r, BaseException)
        ]
        raise SystemExit(f"a reviewer could not log in: {failed[0]!r}") from None
    started = time.monotonic()
    await asyncio.gather(*tasks)
    return time.monotonic() - started


def wait_until_up(base: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/login", timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def check_store(url: str, workspace: Path, tally: Tally, reviewers: int) -> dict[str, Any]:
    db = Database(url, workspace=workspace)
    with db.read() as session:
        stored = Counter(session.execute(select(Comment.body).where(Comment.body.like("load r%"))).scalars())
        signoffs = session.execute(select(func.count()).select_from(SignOff)).scalar_one()
        actions = Counter(session.execute(select(AuditEntry.action)).scalars())
        verification = audit.verify(session)
    db.engine.dispose()
    acknowledged = Counter(tally.comments)
    return {
        "comments_acknowledged": sum(acknowledged.values()),
        "comments_stored": sum(stored.values()),
        "lost": sum((acknowledged - stored).values()) + max(tally.signoffs - signoffs, 0),
        "duplicated": sum(c - 1 for c in stored.values() if c > 1)
        + sum(c - 1 for c in acknowledged.values() if c > 1),
        "stored_unacknowledged": sum((stored - acknowledged).values()) + max(signoffs - tally.signoffs, 0),
        "signoffs_acknowledged": tally.signoffs,
        "signoffs_stored": signoffs,
        "audit_entries": verification.entries,
        "audit_intact": verification.intact,
        "audit_matches_actions": actions["comment.add"] == sum(stored.values())
        and actions["signoff.approve"] + actions["signoff.request_changes"] == signoffs
        and actions["login"] == reviewers,
    }


def percentile(values: list[float], share: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]
        if len(values) > 1
        else 0.0
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reviewers", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    parser.add_argument("--db", help="store URL (default: a fresh SQLite file in a temporary folder)")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if not 1 <= args.reviewers <= 200 or not 0 < args.duration <= 600:
        parser.error("bounded: 1-200 reviewers, at most 600 seconds")

    with tempfile.TemporaryDirectory(prefix="review-load-") as tmp:
        workspace = Path(tmp)
        write_workspace(workspace)
        url = args.db or f"sqlite:///{workspace / 'review.db'}"
        print(
            f"preparing {args.reviewers} reviewers in {len(DEPARTMENTS)} departments on {url.split('@')[-1]}"
        )
        prepare_store(url, workspace, args.reviewers)
        server = multiprocessing.get_context("spawn").Process(
            target=serve, args=(url, str(workspace), args.port), daemon=True
        )
        server.start()
        base = f"http://{HOST}:{args.port}"
        try:
            wait_until_up(base)
            tally = Tally()
            elapsed = asyncio.run(load(base, args.reviewers, args.duration, tally))
        finally:
            server.terminate()
            server.join(10)
        result = check_store(url, workspace, tally, args.reviewers)

    requests = len(tally.latencies)
    print(f"{requests} requests in {elapsed:.1f} s: {requests / elapsed:.1f} requests/s")
    p50, p95, p99 = (percentile(tally.latencies, share) * 1000 for share in (0.50, 0.95, 0.99))
    print(f"latency p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms")
    print(f"failures: {dict(tally.failures) or 'none'}; unacknowledged writes: {tally.unacknowledged}")
    for key, value in result.items():
        print(f"  {key}: {value}")
    ok = (
        result["lost"] == 0
        and result["duplicated"] == 0
        and result["audit_intact"]
        and result["audit_matches_actions"]
    )
    print("PASS: no lost or duplicated writes, audit chain intact" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
