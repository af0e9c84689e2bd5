"""The per-document function: detections and, for conversations, the disclosure verdicts.

Pure and picklable in, picklable out, so it runs alike in-process and on Dask workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ccpa_readiness.evidence.pii import detect_spans
from ccpa_readiness.evidence.transcripts.disclosure import KINDS, NOTICE, RECORDING, DisclosureMatcher
from ccpa_readiness.evidence.transcripts.models import Document
from ccpa_readiness.evidence.transcripts.roles import AGENT, CUSTOMER, roles

GIVEN, LATE, MISSING = "given", "late", "missing"
Span = tuple[int, int, str, float]


@dataclass(frozen=True, slots=True)
class Conversation:
    """Disclosure verdicts of one conversation (a document with turns)."""

    recording_disclosure: str
    notice_at_collection: str
    first_collection_turn: int | None
    collected_before_notice: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DocResult:
    id: str
    spans: tuple[Span, ...]
    conversation: Conversation | None


def analyze(item: Document, mode: str, matcher: DisclosureMatcher, verdicts: bool = True) -> DocResult:
    """The document's spans and, for a conversation, its verdicts (unless `verdicts` is False:
    an output that shows none, such as `spans`, spares assessing them)."""
    spans = tuple(detect_spans(item.text, mode))
    conversation = assess(item, spans, matcher) if verdicts and item.is_conversation else None
    return DocResult(item.id, spans, conversation)


def _at(indexes: tuple[int, ...], found: int | None) -> int | None:
    return None if found is None else indexes[found]


def _verdict(found_at: int | None, deadline: int) -> str:
    if found_at is None:
        return MISSING
    return GIVEN if found_at < deadline else LATE


MAX_CACHED_TURNS = 256


@dataclass(frozen=True, slots=True)
class Shape:
    """What the verdicts need of a conversation's speakers alone: whether each turn is the
    customer's, the turns that are not (where a disclosure can be given), and the turn a recording
    disclosure must come before: the agent's first substantive turn (its first answer after the
    customer has spoken), or the one after the agent's very first turn (the opening)."""

    customer: tuple[bool, ...]
    said: tuple[int, ...]
    recording_deadline: int


def shape(speakers: tuple[str, ...]) -> Shape:
    """The shape of a conversation by its speakers (cached for the short conversations, whose
    speaker sequences repeat across a corpus; a long one is not kept)."""
    return _shape(speakers) if len(speakers) <= MAX_CACHED_TURNS else _shape.__wrapped__(speakers)


@lru_cache(maxsize=1024)
def _shape(speakers: tuple[str, ...]) -> Shape:
    role = roles(speakers)
    spoke = [i for i, r in enumerate(role) if r == CUSTOMER]
    substantive = next((i for i, r in enumerate(role) if r == AGENT and spoke and i > spoke[0]), len(role))
    opening = next((i for i, r in enumerate(role) if r == AGENT), len(role))
    return Shape(
        tuple(r == CUSTOMER for r in role),
        tuple(i for i, r in enumerate(role) if r != CUSTOMER),
        max(substantive, opening + 1),
    )


# the verdicts of a conversation where nothing is collected and no turn may give a disclosure
NOTHING_SAID = Conversation(MISSING, MISSING, None, ())


def assess(item: Document, spans: tuple[Span, ...], matcher: DisclosureMatcher) -> Conversation:
    """The conversation's verdicts; its turns are cut out only where a disclosure may be given
    in one (a span is placed in its turn by its offset's line), and most conversations of a
    corpus have neither a span nor a possible disclosure."""
    text = item.text
    may_give = matcher.may_give(text)
    if not spans and not may_give:
        return NOTHING_SAID
    turns = item.turns if may_give else None  # cut out first: speakers and spans' turns then read from them
    form = shape(item.speakers)
    count = len(form.customer)
    collected: dict[int, set[str]] = {}
    for (_, _, label, _), index in zip(spans, item.turns_at([span[0] for span in spans]), strict=True):
        if index >= 0 and form.customer[index]:
            collected.setdefault(index, set()).add(label)
    first_collection = min(collected, default=None)
    said = form.said
    if turns is not None:
        first = matcher.first_givings([text[turns[i].start : turns[i].end] for i in said])
    else:  # most conversations: no turn can give one, and none is cut out
        first = dict.fromkeys(KINDS)
    recording_at, notice_at = _at(said, first[RECORDING]), _at(said, first[NOTICE])
    recording = _verdict(recording_at, form.recording_deadline)
    notice = _verdict(notice_at, count if first_collection is None else first_collection)
    cutoff = count if notice_at is None else notice_at
    before = sorted({label for index, labels in collected.items() if index < cutoff for label in labels})
    return Conversation(recording, notice, first_collection, tuple(before))
