"""Recognition by meaning, shared by every scanner.

Text is normalised and lemmatised (`text`), the words are read as concepts of a small lexicon
(actors, acts, objects, modality, negation; `data/lexicon.yaml`), and a *meaning* (`data/meanings.yaml`)
is a few frames over those concepts, matched in any word order within a clause or a sentence,
with its polarity (a negated act does not count, or must be negated). See docs/language.md.
"""

from ccpa_readiness.evidence.language.grammar import Match, Recogniser, recogniser

__all__ = ["Match", "Recogniser", "recogniser"]
