"""Regular expressions compiled on first use: compiling every pattern of the answer stage at import would
slow the start of a one-shot ``askbot ask``, which needs only some of them."""

from __future__ import annotations

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
