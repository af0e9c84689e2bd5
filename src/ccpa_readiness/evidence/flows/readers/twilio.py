"""Twilio Studio flow definitions: `states` with `transitions` and `properties`."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from ccpa_readiness.evidence.flows.documents import Document, FlowInvalidError
from ccpa_readiness.evidence.flows.model import (
    JSON,
    Flow,
    FlowFormat,
    FlowRef,
    Node,
    NodeKind,
    Prompt,
    Switch,
)
from ccpa_readiness.evidence.flows.readers.common import (
    build_flow,
    dicts_of,
    flow_ref,
    kind_of,
    text_of,
    unhandled_events,
)
from ccpa_readiness.evidence.flows.wording import asks_for_data

FORMAT = FlowFormat.TWILIO
_RECORDING_PROPERTY = {
    "connect-call-to": "record",
    "make-outgoing-call-v2": "record",
    "record-call": "record_call",
}
_KEEPING_WIDGETS = frozenset(
    {"make-http-request", "run-function", "set-variables", "send-to-flex", "enqueue-call", "run-subflow"}
)
"""Widgets that store an answer or send it out of the flow (saying it back or branching on it does not)."""
_WIDGET_RESULT = re.compile(r"widgets\.([\w-]+)\.(?:Digits|SpeechResult|inbound\.Body)")


def read_twilio(document: Document, source: str) -> Flow:
    states = document.body.get("states")
    if not isinstance(states, list):
        raise FlowInvalidError("states is not a list", document.locator)
    nodes: list[Node] = []
    edges: list[tuple[str, str, str]] = []
    kept = _kept_answers(states)
    for index, state in enumerate(states):
        if not isinstance(state, dict) or not isinstance(state.get("name"), str):
            raise FlowInvalidError("a state without a name", f"states[{index}]")
        name: str = state["name"]
        kind = kind_of(FORMAT, state.get("type"), name)
        properties = state.get("properties") if isinstance(state.get("properties"), dict) else {}
        transitions = dicts_of(state.get("transitions"), "transitions", name)
        for transition in transitions:
            if isinstance(transition.get("next"), str) and transition["next"]:
                edges.append((name, transition["next"], str(transition.get("event", ""))))
        unhandled = unhandled_events(FORMAT, transitions, "event", "next")
        node = _node(name, str(state["type"]), kind, properties or {}, unhandled)
        nodes.append(replace(node, stores_input=True) if kind is NodeKind.INPUT and name in kept else node)
    return build_flow(document, source, text_of(document.body.get("initial_state")), nodes, edges)


def _kept_answers(states: list[JSON]) -> set[str]:
    """Inputs whose answer a later step keeps or sends on (a variable, a request, a task), not
    only branches on: these are collected data, not menu choices."""
    return {
        match.group(1)
        for state in states
        if isinstance(state, dict) and str(state.get("type")) in _KEEPING_WIDGETS
        for match in _WIDGET_RESULT.finditer(json.dumps(state.get("properties")))
    }


def _node(name: str, widget: str, kind: NodeKind, props: dict[str, JSON], unhandled: tuple[str, ...]) -> Node:
    if widget == "connect-call-to" and props.get("noun") in ("client", "sip"):
        kind = NodeKind.TRANSFER_AGENT
    prompt = _prompt(kind, props)
    said = prompt.text or "" if prompt else ""
    stores = widget == "capture-payments" or (kind is NodeKind.INPUT and asks_for_data(said))
    return Node(
        id=name,
        kind=kind,
        action_type=widget,
        prompt=prompt,
        stores_input=stores,
        encrypted=widget == "capture-payments",
        input_hints=("payment card",) if widget == "capture-payments" else (),
        switch=_switch(widget, props),
        external_target=_external_target(kind, props),
        flow_refs=_flow_refs(kind, props),
        unhandled_events=unhandled,
    )


def _prompt(kind: NodeKind, props: dict[str, JSON]) -> Prompt | None:
    if kind not in (NodeKind.PROMPT, NodeKind.INPUT, NodeKind.VOICEMAIL):
        return None
    say = text_of(props.get("say")) or text_of(props.get("body"))
    play = text_of(props.get("play"))
    if say.strip():
        return Prompt(text=say)
    if play:
        return Prompt(absent_reason="audio prompt", refs=tuple(sorted({play, play.rsplit("/", 1)[-1]})))
    return Prompt(text="")


def _switch(widget: str, props: dict[str, JSON]) -> Switch:
    key = _RECORDING_PROPERTY.get(widget)
    if key is None:
        return Switch()
    value = props.get(key, widget == "record-call")
    return Switch(recording=str(value).lower() == "true")


def _external_target(kind: NodeKind, props: dict[str, JSON]) -> str:
    if kind is NodeKind.VOICEMAIL and str(props.get("transcribe", "")).lower() == "true":
        return text_of(props.get("transcription_callback_url")) or "Twilio transcription"
    if kind in (NodeKind.EXTERNAL, NodeKind.STREAMING):
        return text_of(props.get("url")) or text_of(props.get("function_sid")) or "external service"
    return ""


def _flow_refs(kind: NodeKind, props: dict[str, JSON]) -> tuple[FlowRef, ...]:
    if kind is NodeKind.INVOKE_MODULE:
        return (flow_ref("subflow", props.get("flow_sid")),)
    return ()
