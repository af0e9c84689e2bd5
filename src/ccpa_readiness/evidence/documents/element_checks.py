"""Decide each element's status (present, absent, unclear) in a parsed document, with the passage."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from ccpa_readiness.evidence.documents.cues import CueSet, compile_cue
from ccpa_readiness.evidence.documents.dates import first_date, months_between
from ccpa_readiness.evidence.documents.definitions import CheckKind, ElementDefinition, check_vocabulary
from ccpa_readiness.evidence.documents.model import ElementResult, ElementStatus, ParsedDocument, Section
from ccpa_readiness.evidence.documents.passages import Passage, paragraphs, passages
from ccpa_readiness.evidence.language import recogniser
from ccpa_readiness.evidence.language.lexicon import Polarity


@dataclass(frozen=True)
class CheckContext:
    document: ParsedDocument
    today: date


def _result(
    element: ElementDefinition,
    status: ElementStatus,
    passage: Passage | None = None,
    span: tuple[int, int] = (0, 0),
    note: str = "",
) -> ElementResult:
    return ElementResult(
        id=element.id,
        status=status,
        citation=element.citation,
        evidence=passage.evidence(*span) if passage else None,
        note=note,
    )


def _heading_sections(
    element: ElementDefinition, headings: CueSet, document: ParsedDocument
) -> list[Section]:
    """Sections whose heading matches a heading cue or says the element's meaning."""
    meaning = element.meaning
    return [
        s
        for s in document.sections
        if s.heading
        and ((headings and headings.any(s.heading)) or (meaning and recogniser().says(meaning, s.heading)))
    ]


def _phrase(element: ElementDefinition, phrases: CueSet, ordered: list[Passage]) -> ElementResult | None:
    """The strongest phrase (as the YAML lists them) in a paragraph; not a negated one when the
    element's meaning is positive."""
    positive = element.meaning is not None and recogniser().polarity(element.meaning) is Polarity.POSITIVE
    candidates = [passage for passage in ordered if phrases.any(passage.text)]
    for cue in phrases.cues:
        pattern = compile_cue(cue)
        for passage in candidates:
            for match in pattern.finditer(passage.text):
                if positive and recogniser().negated_at(passage.text, match.start()):
                    continue
                note = f"phrase: {match.group()!r}"
                return _result(element, ElementStatus.PRESENT, passage, match.span(), note)
    return None


def _meaning(element: ElementDefinition, ordered: list[Passage]) -> ElementResult | None:
    """The first paragraph that says the element's meaning."""
    if element.meaning is None:
        return None
    for passage in ordered:
        found = recogniser().find(element.meaning, passage.text)
        if found is not None:
            note = "meaning: " + " + ".join(dict.fromkeys(found.concepts))
            return _result(element, ElementStatus.PRESENT, passage, (found.start, found.end), note)
    return None


def _graded(element: ElementDefinition, result: ElementResult, document: ParsedDocument) -> ElementResult:
    """Present only when the document also says `complete_when`; else partial, with what is missing."""
    if result.status is not ElementStatus.PRESENT or element.complete_when is None:
        return result
    if any(recogniser().says(element.complete_when, p.text) for p in passages(document)):
        return result
    note = f"{element.partial_note} ({result.note})" if result.note else element.partial_note
    return result.model_copy(update={"status": ElementStatus.PARTIAL, "note": note})


def check_cues(element: ElementDefinition, context: CheckContext) -> ElementResult:
    """Graded: present, partial (see `_graded`), unclear or absent."""
    return _graded(element, _check_cues(element, context), context.document)


def _check_cues(element: ElementDefinition, context: CheckContext) -> ElementResult:
    """A phrase or the element's meaning in a paragraph, or a hint under a matching heading: present;
    a heading, two hints: unclear."""
    headings, phrases, hints = CueSet(element.headings), CueSet(element.phrases), CueSet(element.hints)
    titled = _heading_sections(element, headings, context.document)
    titled_ids = {s.index for s in titled}
    ordered = sorted(
        passages(context.document, with_headings=False), key=lambda p: p.section.index not in titled_ids
    )
    found = _phrase(element, phrases, ordered) or _meaning(element, ordered)
    if found is not None:
        return found
    for section in titled:
        for passage in paragraphs(section):
            match = hints.first(passage.text)
            if match:
                return _result(
                    element,
                    ElementStatus.PRESENT,
                    passage,
                    match.span(),
                    f"under heading {section.heading!r}: {match.group()!r}",
                )
    if titled:
        heading = Passage(titled[0], None, titled[0].heading)
        return _result(element, ElementStatus.UNCLEAR, heading, note="a matching heading without content")
    for passage in passages(context.document, with_headings=False):
        if len(hints.matched(passage.text)) >= 2:
            match = hints.first(passage.text)
            span = match.span() if match else (0, 0)
            return _result(element, ElementStatus.UNCLEAR, passage, span, "related words only")
    return _result(element, ElementStatus.ABSENT)


def _request_passages(element: ElementDefinition, document: ParsedDocument) -> Iterator[Passage]:
    """Paragraphs about making a request: under a request heading, or naming a request."""
    headings = CueSet(element.headings)
    context = CueSet(check_vocabulary().request_context)
    for section in document.sections:
        titled = headings.any(" / ".join([*section.trail, section.heading]))
        for passage in paragraphs(section):
            if titled or context.any(passage.text):
                yield passage


def check_methods(element: ElementDefinition, context: CheckContext) -> ElementResult:
    """Two or more designated request methods: present; one: unclear; none: absent."""
    methods = {name: CueSet(cues) for name, cues in check_vocabulary().request_methods.items()}
    seen: set[str] = set()
    best: tuple[int, Passage] | None = None
    for passage in _request_passages(element, context.document):
        found = {name for name, cues in methods.items() if cues.any(passage.text)}
        seen |= found
        if found and (best is None or len(found) > best[0]):
            best = (len(found), passage)
    if best is None:
        return _result(element, ElementStatus.ABSENT, note="no request method found")
    if len(seen) >= 2:
        return _result(element, ElementStatus.PRESENT, best[1], note="methods: " + ", ".join(sorted(seen)))
    note = f"one request method ({', '.join(sorted(seen))}): two or more are required"
    return _result(element, ElementStatus.PARTIAL, best[1], note=note)


def check_toll_free(element: ElementDefinition, context: CheckContext) -> ElementResult:
    """A toll-free number with the request instructions: present; elsewhere or only the words: unclear."""
    vocabulary = check_vocabulary()
    number, words = compile_cue(vocabulary.toll_free_number), compile_cue(vocabulary.toll_free_words)
    request = list(_request_passages(element, context.document))
    for passage in request:
        match = number.search(passage.text)
        if match:
            return _result(element, ElementStatus.PRESENT, passage, match.span())
    for passage in passages(context.document, with_headings=False):
        match = number.search(passage.text)
        if match:
            return _result(
                element,
                ElementStatus.UNCLEAR,
                passage,
                match.span(),
                "a toll-free number, but not with the request instructions",
            )
    for passage in request:
        match = words.search(passage.text)
        if match:
            return _result(
                element, ElementStatus.UNCLEAR, passage, match.span(), "'toll-free' without a number"
            )
    return _result(element, ElementStatus.ABSENT)


def find_last_updated(document: ParsedDocument) -> tuple[date, Passage, int] | None:
    """The latest date after the strongest "last updated" cue that has one."""
    vocabulary = check_vocabulary()
    for cue in vocabulary.last_updated_cues:
        pattern = compile_cue(cue)
        found: list[tuple[date, Passage, int]] = []
        for passage in passages(document):
            for match in pattern.finditer(passage.text):
                window = passage.text[match.end() : match.end() + vocabulary.last_updated_window]
                dated = first_date(window)
                if dated:
                    found.append((dated[0], passage, match.start()))
        if found:
            return max(found, key=lambda item: item[0])
    return None


def check_last_updated(element: ElementDefinition, context: CheckContext) -> ElementResult:
    """A "last updated" date younger than the limit: present; older: absent; a cue without date: unclear."""
    found = find_last_updated(context.document)
    if found is None:
        cues = CueSet(check_vocabulary().last_updated_cues[:1])
        for passage in passages(context.document):
            match = cues.first(passage.text)
            if match:
                return _result(element, ElementStatus.UNCLEAR, passage, match.span(), "no readable date")
        return _result(element, ElementStatus.ABSENT, note="no 'last updated' date")
    updated, passage, start = found
    age = months_between(updated, context.today)
    span = (start, start + 1)
    limit = check_vocabulary().last_updated_max_months
    if age >= limit:
        note = f"last updated {updated.isoformat()}, {age} months before {context.today.isoformat()}"
        return _result(element, ElementStatus.ABSENT, passage, span, f"{note}: older than {limit} months")
    return _result(element, ElementStatus.PRESENT, passage, span, f"last updated {updated.isoformat()}")


CHECKS: dict[CheckKind, Callable[[ElementDefinition, CheckContext], ElementResult]] = {
    CheckKind.CUES: check_cues,
    CheckKind.METHODS: check_methods,
    CheckKind.TOLL_FREE: check_toll_free,
    CheckKind.LAST_UPDATED: check_last_updated,
}


def check_element(element: ElementDefinition, context: CheckContext) -> ElementResult:
    return CHECKS[element.check](element, context)
