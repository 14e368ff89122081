"""Regular expressions compiled on first use: compiling every pattern of the answer stage at import would
slow the start of a one-shot ``askbot ask``, which needs only some of them."""

from __future__ import annotations

import re

from . import regexcache


class LazyRegex:
    """A regular expression compiled on first use (through regexcache: from the kept program when the
    command line keeps them); otherwise it behaves as the compiled pattern."""

    def __init__(self, source: str, flags: int = 0):
        self.source, self.flags, self.compiled = source, flags, None

    def __getattr__(self, name: str):
        if self.compiled is None:
            self.compiled = regexcache.compiled(self.source, self.flags)
        value = getattr(self.compiled, name)
        setattr(self, name, value)  # found in the instance from now on, without a call of __getattr__
        return value


class CaselessRegex:
    """A case-insensitive regular expression, its letters written in lower case, that searches ASCII
    text lowered with a case-sensitive copy of itself: lowering ASCII keeps every offset and word
    boundary, and sre matches without case folding about twice as fast. Other text goes to the
    ``re.I`` pattern. What it finds is read from the lowered text: where case matters, take spans."""

    def __init__(self, source: str):
        self.source = source
        self.folding, self.plain = LazyRegex(source, re.I), LazyRegex(source)

    def search(self, text: str):
        return self.plain.search(text.lower()) if text.isascii() else self.folding.search(text)

    def findall(self, text: str) -> list:
        return self.plain.findall(text.lower()) if text.isascii() else self.folding.findall(text)

    def finditer(self, text: str):
        return self.plain.finditer(text.lower()) if text.isascii() else self.folding.finditer(text)

    def written(self, text: str) -> tuple[str, ...]:
        """Each match as ``text`` writes it (its case kept): ``findall`` of a pattern without groups."""
        return tuple([text[m.start():m.end()] for m in self.finditer(text)])
