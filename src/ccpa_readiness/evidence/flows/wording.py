"""Recognize what a prompt tells the caller and what an input asks for, from `data/wording.yaml`."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from ccpa_readiness.evidence.flows.model import Node, Prompt
from ccpa_readiness.evidence.flows.tables import compiled, wording
from ccpa_readiness.evidence.language import recogniser

_SSML_TAG = re.compile(r"</?[A-Za-z](?:[^<>\"]|\"[^\"]*\")*>")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")
_DYNAMIC = re.compile(r"\$\.[\w.\[\]'\"-]+|\$\{[^}]*\}|\{\{[^}]*\}\}|<<[^>]*>>")


def plain_text(text: str) -> str:
    """Prompt text without SSML tags and entities, on one line."""
    return " ".join(html.unescape(_SSML_TAG.sub(" ", text)).split())


def is_dynamic(text: str) -> bool:
    """Some sentence is only a run-time value (`$.External.x`, `${Param}`, `{{var}}`, `<<var>>`):
    the export does not show what the caller hears there."""
    return any(
        _DYNAMIC.search(sentence) and not re.search(r"\w", _DYNAMIC.sub(" ", sentence))
        for sentence in _SENTENCE_END.split(plain_text(text))
    )


def _says(meaning: str, text: str) -> bool:
    """Some sentence of the prompt says `meaning` (recognition by meaning, `evidence/language`)."""
    return any(recogniser().says(meaning, sentence) for sentence in _SENTENCE_END.split(plain_text(text)))


def gives_notice(text: str) -> bool:
    """The text is (or points to) a notice at collection."""
    return _says("notice_at_collection", text)


def discloses_recording(text: str) -> bool:
    """The text tells the caller the call may be recorded, monitored, transcribed or analysed."""
    return _says("recording_disclosure", text)


def _verdict(node: Node, declared: frozenset[str], recognizer: bool) -> bool | None:
    """True: told; False: the words are there and do not tell; None: the export does not show."""
    prompt = node.prompt or Prompt(text="")
    if declared.intersection((node.id, node.label, *prompt.refs)):
        return True
    if recognizer:
        return True
    if prompt.text is None and any(_wordless(ref) for ref in prompt.refs):
        return False
    if prompt.text is None or is_dynamic(prompt.text):
        return None
    return False


def _wordless(audio: str) -> bool:
    name = audio.rsplit("/", 1)[-1].replace("_", " ")
    return any(compiled(p).search(name) for p in wording().wordless_audio)


def notice_verdict(node: Node, declared: frozenset[str]) -> bool | None:
    text = (node.prompt.text if node.prompt else None) or ""
    return _verdict(node, declared, gives_notice(text))


def disclosure_verdict(node: Node, declared: frozenset[str]) -> bool | None:
    text = (node.prompt.text if node.prompt else None) or ""
    return _verdict(node, declared, discloses_recording(text))


def sensitive_kinds(texts: Iterable[str]) -> tuple[str, ...]:
    """The kinds of sensitive data (card, ssn, pin...) that prompt text or input settings ask for."""
    joined = " ".join(plain_text(t).replace("_", " ") for t in texts)
    return tuple(
        sorted(
            name
            for name, kind in wording().sensitive_input.items()
            if any(compiled(p).search(joined) for p in kind.phrases)
        )
    )


def is_payment(kinds: Iterable[str]) -> bool:
    table = wording().sensitive_input
    return any(table[k].payment for k in kinds)


def asks_for_data(text: str) -> bool:
    """The prompt asks the caller for information ("say or enter your card number"), not for a menu
    choice ("or say payment to pay your bill", "for your account number, press 3")."""
    return _says("data_request", text)
