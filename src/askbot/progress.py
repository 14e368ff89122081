"""A progress bar on stderr for long runs: prompt-toolkit's ProgressBar when
stderr is a terminal, nothing otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(total: int, title: str = "askbot") -> Iterator[Callable[[int], None]]:
    """Yield ``advance(n)``; draws on stderr only when it is a terminal."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    from prompt_toolkit.output import create_output
    from prompt_toolkit.shortcuts import ProgressBar

    with ProgressBar(title=title, output=create_output(stdout=sys.stderr)) as bar:
        counter = bar(total=total)

        def advance(n: int) -> None:
            counter.items_completed += n
            counter.progress_bar.invalidate()

        yield advance
