"""`ccpa assess DIR` started from the app: one run at a time, in a subprocess watched by a thread,
then its `out/` imported as a new version, as `ccpa review import` does.

The run is the command itself (`python -m ccpa_readiness assess DIR`), so the browser's
assessment is the command line's, history recorded in the same store. Its progress is the stage
it reached, read from what the command prints; its output is shown only through the one masker.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ccpa_readiness.errors import InputError
from ccpa_readiness.review import audit
from ccpa_readiness.review.database import Database, default_url
from ccpa_readiness.review.inputs import load_inputs
from ccpa_readiness.review.tables import utcnow
from ccpa_readiness.review.versions import import_version

RUN_SECONDS = 3600  # a run past this is stopped
TAIL_LINES = 12
# `ccpa assess` exits 0, or 1 for gaps or a roadmap that failed (out/ written either way); 2 when
# the workspace could not be read; anything else (killed, crashed) leaves out/ as it was
WROTE_OUT = (0, 1)


class Stage(StrEnum):
    assessing = "reading the workspace, scanning its evidence, assessing"
    writing = "writing the report, roadmap and drafts"
    importing = "importing the new version for review"
    done = "done"
    failed = "failed"


STAGES = [Stage.assessing, Stage.writing, Stage.importing, Stage.done]


@dataclass
class AssessJob:
    number: int
    started_by: str
    started_at: dt.datetime
    stage: Stage = Stage.assessing
    finished_at: dt.datetime | None = None
    version: int | None = None  # the version imported (or already current)
    new_version: bool = False
    message: str = ""
    tail: deque[str] = field(default_factory=lambda: deque(maxlen=TAIL_LINES))

    @property
    def running(self) -> bool:
        return self.stage not in (Stage.done, Stage.failed)

    def elapsed_seconds(self) -> int:
        return int(((self.finished_at or utcnow()) - self.started_at).total_seconds())

    def mark(self, stage: Stage) -> str:
        """The progress list's mark for `stage`: passed, under way, or not (yet) reached."""
        if self.stage == Stage.failed:
            return ""
        position, current = STAGES.index(stage), STAGES.index(self.stage)
        if position < current or self.stage == Stage.done:
            return "✓"
        return "…" if position == current else ""


class JobRunning(Exception):
    """An assessment is already running: one at a time."""


def assess_command(workspace: Path, db_url: str) -> list[str]:
    """The command line of the run; the store is named only when it is not the workspace's own."""
    command = [sys.executable, "-m", "ccpa_readiness", "assess", str(workspace)]
    return command if db_url == default_url(workspace) else [*command, "--db", db_url]


def _masked(text: str) -> str:
    from ccpa_readiness.evidence.pii.masking import mask_text  # the detectors load when first needed

    return mask_text(text)


class AssessJobs:
    """The app's assessment runs: the latest is kept for its progress page."""

    def __init__(self, workspace: Path, db: Database) -> None:
        self.workspace = workspace
        self.db = db
        self.latest: AssessJob | None = None
        self._lock = threading.Lock()

    def start(self, actor: str) -> AssessJob:
        with self._lock:
            if self.latest is not None and self.latest.running:
                raise JobRunning(f"an assessment started by {self.latest.started_by} is still running")
            job = AssessJob(
                number=(self.latest.number + 1 if self.latest else 1), started_by=actor, started_at=utcnow()
            )
            self.latest = job
        with self.db.write() as session:
            audit.append(
                session,
                actor,
                "assess.start",
                f"assessment run {job.number}",
                {"workspace": self.workspace.name},
            )
        threading.Thread(target=self._run, args=(job,), name=f"ccpa-assess-{job.number}", daemon=True).start()
        return job

    def _run(self, job: AssessJob) -> None:
        try:
            exit_code = self._assess(job)
            if exit_code not in WROTE_OUT:
                self._fail(job, f"the assessment stopped (exit {exit_code}): see its last lines")
                return
            job.stage = Stage.importing
            inputs = load_inputs(self.workspace)
            with self.db.write() as session:
                imported = import_version(session, inputs, job.started_by)
                job.version, job.new_version = imported.version.number, imported.created
            job.message = (
                f"version {job.version} imported for review"
                if job.new_version
                else f"no change: version {job.version} is already current"
            )
            job.stage, job.finished_at = Stage.done, utcnow()
        except InputError as error:
            self._fail(job, _masked(str(error)))
        except Exception as error:  # the page must say the run ended, whatever ended it
            self._fail(job, _masked(f"{type(error).__name__}: {error}"))

    def _assess(self, job: AssessJob) -> int:
        environment = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1", "TERM": "dumb"}
        with subprocess.Popen(
            assess_command(self.workspace, self.db.url),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
            env=environment,
        ) as process:
            timer = threading.Timer(RUN_SECONDS, process.kill)
            timer.start()
            try:
                assert process.stdout is not None
                for line in process.stdout:
                    if line.startswith("wrote "):
                        job.stage = Stage.writing
                    if line.strip():
                        job.tail.append(_masked(line.rstrip()))
            finally:
                timer.cancel()
            return process.wait()

    def _fail(self, job: AssessJob, message: str) -> None:
        job.message, job.stage, job.finished_at = message, Stage.failed, utcnow()
