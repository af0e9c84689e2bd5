"""The intake: which departments answer each section, where an admin changed the default.

Revision ID: v0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ccpa_readiness.review.tables import UTCDateTime

revision = "v0005"
down_revision: str | None = "v0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "intake_owners",
        sa.Column("section", sa.String(64), primary_key=True),
        sa.Column("departments_json", sa.Text, nullable=False),
        sa.Column("changed_by", sa.String(254), nullable=False),
        sa.Column("changed_at", UTCDateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("intake_owners")
