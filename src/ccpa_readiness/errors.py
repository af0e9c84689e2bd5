"""Input problems: what went wrong, in which file, at which place.

A leaf module every stage may import. An `InputError` stops the command that raised it (exit 2);
a `Problem` is recorded and the run goes on with the rest of its inputs. `Problem` is a dataclass,
not a pydantic model, so the scan commands start without importing pydantic (pydantic models hold
it as a field all the same).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(kw_only=True)
class Problem:
    """A bad input that was skipped: the file, the place in it, and what is wrong."""

    source: str
    location: str = ""
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.location}" if self.location else self.source
        return f"{where}: {self.message}"


class InputError(Exception):
    """An input the command cannot go on without (exit code 2)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def single(cls, source: str, message: str, location: str = "") -> InputError:
        return cls([Problem(source=source, location=location, message=message)])
