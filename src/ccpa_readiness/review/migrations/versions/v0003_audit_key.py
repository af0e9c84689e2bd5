"""The audit key's id on the chain head, and failed logins counted per account and source.

Revision ID: v0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ccpa_readiness.review.tables import UTCDateTime

revision = "v0003"
down_revision: str | None = "v0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_head") as batch:
        batch.add_column(sa.Column("key_id", sa.String(16), nullable=True))
    op.create_table(
        "login_failures",
        sa.Column("email", sa.String(254), primary_key=True),
        sa.Column("source", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("lockouts", sa.Integer, nullable=False),
        sa.Column("locked_until", UTCDateTime, nullable=True),
        sa.Column("last_failed_at", UTCDateTime, nullable=False, index=True),
    )


def downgrade() -> None:
    op.drop_table("login_failures")
    with op.batch_alter_table("audit_head") as batch:
        batch.drop_column("key_id")
