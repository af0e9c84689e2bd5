"""Canary values of every PII label, one set per evidence kind, each in a sentence that gives it
the context a real conversation or document would (so the detectors are what is tested)."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("transcript", "flow", "policy", "script", "datastore", "workspace")
SURNAMES = ("Quillfeather", "Thistlewood", "Marrowbone", "Bramblecote", "Fennimore", "Ashgrove")
ROUTING = ("021000021", "011000015", "026009593", "121000358", "111000025", "091000019")
HEALTH = ("epilepsy", "schizophrenia", "chemotherapy", "dementia", "bipolar", "hypertension")


def _luhn_card(index: int) -> str:
    """A Visa test-range number that passes Luhn, grouped in fours."""
    body = f"4539{index:03d}81234567"[:15]
    total = 0
    for position, digit in enumerate(int(d) for d in reversed(body)):
        total += sum(divmod(digit * 2, 10)) if position % 2 == 0 else digit
    number = body + str((10 - total % 10) % 10)
    return " ".join(number[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class Canaries:
    """The raw values planted in one evidence kind, by label."""

    kind: str
    values: dict[str, str]

    def sentences(self) -> list[str]:
        v = self.values
        return [
            f"Hi, my name is Margarethe {v['PERSON']} and I live at {v['ADDRESS']}.",
            f"My social security number is {v['US_SSN']} and my taxpayer ITIN is {v['US_ITIN']}.",
            f"The credit card is {v['CREDIT_CARD']}, call me back on {v['PHONE_NUMBER']}.",
            f"E-mail me at {v['EMAIL_ADDRESS']}; I was born on {v['DATE_OF_BIRTH']}.",
            f"My checking account number is {v['BANK_ACCOUNT']} and the routing number is "
            f"{v['ABA_ROUTING_NUMBER']}.",
            f"My passport is {v['US_PASSPORT']} and my driver license is {v['DRIVER_LICENSE']}.",
            f"The server saw my IP {v['IP_ADDRESS']}; my account number is {v['ACCOUNT_ID']}.",
            f"I was diagnosed with {v['HEALTH']} last year.",
        ]

    def text(self) -> str:
        return " ".join(self.sentences())

    def leaks(self, output: str, runs: str | None = None) -> list[str]:
        """The planted values found in `output`: whole, as digits without separators, or a name's
        letters. `runs` is `digits_runs(output)`, given when several canaries search one output."""
        found = []
        if runs is None:
            runs = digits_runs(output)
        for label, value in self.values.items():
            digits = "".join(ch for ch in value if ch.isdigit())
            if value in output or (len(digits) >= 7 and digits in runs):
                found.append(f"{label}={value}")
        return found


def digits_runs(output: str) -> str:
    """Every run of digits and separators in `output` (its whitespace taken out first) with the
    separators taken out, joined by spaces."""
    text = "".join(output.split())
    runs, current = [], []
    for ch in text:
        if ch.isdigit():
            current.append(ch)
        elif ch in "-.()/+" and current:
            continue
        elif current:
            runs.append("".join(current))
            current = []
    runs.append("".join(current))
    return " ".join(runs)


def canaries(kind: str) -> Canaries:
    k = KINDS.index(kind)
    return Canaries(
        kind,
        {
            "PERSON": SURNAMES[k],
            "ADDRESS": f"{1420 + k} Juniper Street",
            "US_SSN": f"{123 + k:03d}-{45 + k}-{6780 + k}",
            "US_ITIN": f"9{10 + k}-7{k}-{4321 + k}",
            "CREDIT_CARD": _luhn_card(k),
            "PHONE_NUMBER": f"(415) 555-01{30 + k}",
            "EMAIL_ADDRESS": f"canary{k}.quill@example.org",
            "DATE_OF_BIRTH": f"03/{10 + k}/1985",
            "BANK_ACCOUNT": f"00012345678{k}",
            "ABA_ROUTING_NUMBER": ROUTING[k],
            "US_PASSPORT": f"C0300598{k}",
            "DRIVER_LICENSE": f"D123456{k}",
            "IP_ADDRESS": f"203.0.113.{70 + k}",
            "ACCOUNT_ID": f"AC9981{k}",
            "HEALTH": HEALTH[k],
        },
    )


ALL = [canaries(kind) for kind in KINDS]
