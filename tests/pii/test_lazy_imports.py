"""python-stdnum and phonenumbers are loaded at the first value that needs them, not before."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from ccpa_readiness.evidence.pii import detect
print([d.label for d in detect(sys.argv[1], "patterns")])
print(sorted({m.split(".")[0] for m in sys.modules} & {"stdnum", "phonenumbers"}))
"""


def _detected(text: str) -> list[str]:
    """The labels found in `text` by a fresh process, and which of the two libraries it loaded."""
    done = subprocess.run([sys.executable, "-c", SCRIPT, text], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def test_text_without_candidate_numbers_loads_neither_library() -> None:
    assert _detected("USER: I wish to see a movie directed by David Leitch.\nAGENT: Sure.") == ["[]", "[]"]


def test_candidates_load_the_library_their_check_needs() -> None:
    assert _detected("my ssn is 078-05-1123") == ["['US_SSN']", "['stdnum']"]
    assert _detected("call me at (415) 555-0132") == ["['PHONE_NUMBER']", "['phonenumbers']"]
    assert _detected("card 4111 1111 1111 1111, call (415) 555-0132") == [
        "['CREDIT_CARD', 'PHONE_NUMBER']",
        "['phonenumbers', 'stdnum']",
    ]
