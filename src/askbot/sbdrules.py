"""pysbd's rules (``Text(text).apply(*rules)``, a ``re.sub`` each) with the same
results and less work: each pattern compiled once, plain text replaced with
``str.replace``, and a pattern not run on a text that lacks something every match
of it contains (its literal characters, or a guard below), which is most texts
for most of pysbd's rules.
"""

from __future__ import annotations

import re
from functools import cache

from pysbd.lang.english import English

try:
    from re import _parser  # Python 3.11+
except ImportError:  # Python 3.10
    import sre_parse as _parser

_META = re.compile(r"[\\.^$*+?{}\[\]|()]")


def _required(items) -> list[str]:
    """Runs of literal characters every match of a parsed pattern (sequence ``items``)
    contains: its literals, those of its groups, of lookarounds that must hold, and
    of parts repeated at least once."""
    runs, run = [], ""
    repeats = (_parser.MAX_REPEAT, _parser.MIN_REPEAT)
    for op, arg in items:
        if op is _parser.LITERAL:
            run += chr(arg)
            continue
        if op in repeats and arg[0] >= 1 and len(arg[2]) == 1 and arg[2][0][0] is _parser.LITERAL:
            run += chr(arg[2][0][1]) * arg[0]  # "x{3}" continues the run; "x{3,5}" ends it after three
            if arg[0] == arg[1]:
                continue
        runs.append(run)
        run = ""
        if op in repeats and arg[0] >= 1:
            runs += _required(arg[2])
        elif op is _parser.SUBPATTERN and not arg[1] & re.IGNORECASE:  # (?i:...) matches other cases
            runs += _required(arg[-1])
        elif op is _parser.ASSERT:  # (?=...) and (?<=...), not (?!...)
            runs += _required(arg[1])
    return [r for r in [*runs, run] if r]


def _needs(pattern: str) -> tuple[str, ...]:
    """Text every match of ``pattern`` contains, so a text without it is left alone."""
    parsed = _parser.parse(pattern)
    return () if parsed.state.flags & re.IGNORECASE else tuple(_required(parsed.data))


_LOOKBEHIND_PERIOD = re.compile(r"\(\?<=([^()]*)\)\\\.(?![{*+?])(.*)", re.DOTALL)  # a period not repeated


def _period_first(pattern: str) -> str:
    """``(?<=X)\\.rest`` as ``\\.(?<=X\\.)rest`` (X without parentheses): the same matches, but the regex
    engine looks for the period first instead of trying the lookbehind at every
    character."""
    m = _LOOKBEHIND_PERIOD.fullmatch(pattern)
    return rf"\.(?<={m.group(1)}\.){m.group(2)}" if m else pattern


# a text no match of these rules' patterns can lack, searched for faster than the patterns
_GUARDS = {
    English.EllipsisRules.ThreeSpaceRule.pattern: r"\.\s\.\s\.",  # (\s\.){3}\s
    English.EllipsisRules.FourSpaceRule.pattern: r"\.\s\.\s\.",  # (\.\s){3}\.
    English.Abbreviation.WithMultiplePeriodsAndEmailRule.pattern: r"\.[a-zA-Z0-9_]",  # (\w)(\.)(\w)
}


@cache  # pysbd's rules: a fixed set
def _rule(pattern: str, replacement: str):
    """``re.sub(pattern, replacement, text)`` as a function of text: ``str.replace``
    when both are plain text (the same result), else the compiled pattern, not run
    on a text that lacks what every match contains."""
    if not _META.search(pattern) and "\\" not in replacement:
        return lambda text: text.replace(pattern, replacement)
    compiled, needs = re.compile(_period_first(pattern)), _needs(pattern)
    guard = _GUARDS.get(pattern)
    if guard is not None:
        guard = re.compile(guard)
        return lambda text: compiled.sub(replacement, text) if guard.search(text) else text
    return lambda text: compiled.sub(replacement, text) if all(n in text for n in needs) else text


def apply_rules(text: str, rules) -> str:
    """pysbd's ``Text(text).apply(*rules)``."""
    for rule in rules:
        text = _rule(rule.pattern, rule.replacement)(text)
    return text
