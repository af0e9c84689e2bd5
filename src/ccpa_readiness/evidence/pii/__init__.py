"""PII detectors: a registry of small recognizers behind one analyzer, for text and for values.

`detect(text, mode="full")` returns `Detection`s with their CCPA category and sensitive-PI kind;
`validator_for(label)` checks a single value (the data-store scanner's column check).
"""

from ccpa_readiness.evidence.pii.analyzer import DEFAULT_MIN_SCORE, Analyzer, detect, detect_spans
from ccpa_readiness.evidence.pii.labels import MODES, LabelInfo, label_table, labels_for_mode
from ccpa_readiness.evidence.pii.models import Detection
from ccpa_readiness.evidence.pii.validators import validator_for

__all__ = [
    "DEFAULT_MIN_SCORE",
    "MODES",
    "Analyzer",
    "Detection",
    "LabelInfo",
    "detect",
    "detect_spans",
    "label_table",
    "labels_for_mode",
    "validator_for",
]
