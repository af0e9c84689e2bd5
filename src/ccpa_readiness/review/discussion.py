"""Comments on a task or a finding; each is tied to the version it was made on."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccpa_readiness.review import audit
from ccpa_readiness.review.tables import Comment, Role, User, Version

MAX_COMMENT = 4000


class Target(StrEnum):
    task = "task"
    finding = "finding"


class CommentError(ValueError):
    """A comment that cannot be added; the message says why."""


def add_comment(
    session: Session, user: User, version: Version, target: Target, target_id: str, body: str
) -> Comment:
    if user.role == Role.viewer.value:
        raise CommentError("viewers read; they do not comment")
    body = body.strip()
    if not body:
        raise CommentError("a comment needs some text")
    if len(body) > MAX_COMMENT:
        raise CommentError(f"a comment has at most {MAX_COMMENT} characters")
    comment = Comment(
        version_id=version.id, target_kind=target.value, target_id=target_id, user_id=user.id, body=body
    )
    session.add(comment)
    session.flush()
    audit.append(session, user.email, "comment.add", f"{target.value} {target_id}", {"comment": comment.id})
    return comment


def comments_on(session: Session, target: Target, target_id: str) -> Sequence[Comment]:
    query = (
        select(Comment)
        .where(Comment.target_kind == target.value, Comment.target_id == target_id)
        .order_by(Comment.id)
    )
    return session.execute(query).scalars().all()
