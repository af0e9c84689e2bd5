"""Assessment history (runs and their findings) and roadmap task tracking (statuses, notes).

Revision ID: v0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ccpa_readiness.review.tables import UTCDateTime

revision = "v0004"
# v0003 (the audit key) is being written alongside; the chain is fixed when both are merged
down_revision: str | None = "v0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.Integer, nullable=False, unique=True),
        sa.Column("recorded_at", UTCDateTime, nullable=False),
        sa.Column("as_of", sa.String(10), nullable=False),
        sa.Column("organization", sa.String(254), nullable=False),
        sa.Column("catalog_version", sa.String(32), nullable=False),
        sa.Column("law_as_of", sa.String(10), nullable=False),
        sa.Column("inputs_hash", sa.String(64), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("readiness", sa.Float, nullable=True),
        sa.Column("coverage", sa.Float, nullable=True),
        sa.Column("open_risk", sa.Integer, nullable=False),
        sa.Column("exposure_low_usd", sa.Float, nullable=False),
        sa.Column("exposure_high_usd", sa.Float, nullable=False),
        sa.Column("roadmap_json", sa.Text, nullable=True),
        sa.Column("sources_json", sa.Text, nullable=True),
    )
    op.create_table(
        "run_findings",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("requirement_id", sa.String(128), primary_key=True),
        sa.Column("title", sa.String(512), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("risk_score", sa.Integer, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("evidence_json", sa.Text, nullable=False),
    )
    op.create_table(
        "tracked_tasks",
        sa.Column("task_id", sa.String(128), primary_key=True),
        sa.Column("title", sa.String(512), nullable=False),
        sa.Column("department", sa.String(64), nullable=False, index=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_reason", sa.Text, nullable=False),
        sa.Column("owner", sa.String(254), nullable=False),
        sa.Column("start", sa.String(10), nullable=True),
        sa.Column("due_date", sa.String(10), nullable=True),
        sa.Column("requirement_ids_json", sa.Text, nullable=False),
        sa.Column("last_run", sa.Integer, nullable=True),
        sa.Column("changed_at", UTCDateTime, nullable=False),
        sa.Column("changed_by", sa.String(254), nullable=False),
    )
    op.create_table(
        "task_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "task_id", sa.String(128), sa.ForeignKey("tracked_tasks.task_id"), nullable=False, index=True
        ),
        sa.Column("author", sa.String(254), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("task_notes", "tracked_tasks", "run_findings", "runs"):
        op.drop_table(table)
