"""The interactive session's state and commands, without a terminal.

``Session.handle(line)`` takes one line -- a question or a /command -- and
returns a screen.Reply; repl.py reads the lines and prints the replies. The
questions go through followup.Conversation, as ``askbot ask --conversation``
does. The answer function is a parameter, so tests run the session with a stand-in.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from .analysis import tokenize
from .answer import Answer, ask
from .corpus import Corpus
from .errors import AskbotError
from .followup import Conversation, Turn
from .render import label, one_line
from .retriever import Retriever
from .screen import (
    COMMANDS,
    Reply,
    answer_reply,
    article_reply,
    describe,
    help_reply,
    message,
    passage_paras,
    passages_reply,
)
from .web import shown

QUIT = ("/quit", "/exit", "/q")
# Typed alone, these words are commands, as in ipython and `llm chat`: no one asks the article "exit".
BARE = {"help": "/help", "exit": "/quit", "quit": "/quit", "q": "/quit"}
COMMAND_NAMES = (*(name for name, _, _ in COMMANDS), "/exit")


@dataclass(frozen=True)
class Status:
    """What the bottom toolbar shows."""

    title: str
    passages: int
    sentences: int
    k: int


def _load(path: str) -> Retriever:
    return Retriever(Corpus.from_path(path))


class Session:
    """One reader's conversation with one article (switchable with /open)."""

    def __init__(self, retriever: Retriever, k: int = 5, answer: Callable[..., Answer] = ask,
                 load: Callable[[str], Retriever] = _load):
        self.retriever, self.k = retriever, k
        self._answer, self._load = answer, load
        self.conversation = Conversation(retriever, answer)
        self.last: Answer | None = None

    @property
    def turn(self) -> Turn | None:
        """What a follow-up leans on."""
        return self.conversation.turn

    @property
    def corpus(self) -> Corpus:
        return self.retriever.corpus

    def status(self) -> Status:
        c = self.corpus
        return Status(one_line(c.title), len(c.passages), len(c.sentences), self.k)

    def handle(self, line: str) -> Reply:
        """The reply to one line of input (a blank line gets an empty reply)."""
        line = one_line(line)  # no control or escape sequences from the user, even in the search
        if not line:
            return Reply()
        line = BARE.get(line.lower().rstrip("?!. "), line)
        if not line.startswith("/"):
            return self.question(line)
        name, _, arg = line.partition(" ")
        name, arg = name.lower(), arg.strip()
        if name in QUIT:
            return Reply(quit=True)
        command = self._commands().get(name)
        if command is None:
            return message(f"Unknown command {one_line(name)[:40]}; type /help for the commands.", "error")
        return command(arg)

    def _commands(self) -> dict[str, Callable[[str], Reply]]:
        return {"/help": lambda _: help_reply(), "/sources": self.sources, "/show": self.show,
                "/article": lambda _: article_reply(self.corpus), "/open": self.open, "/k": self.set_k}

    def question(self, text: str) -> Reply:
        try:
            answer = self.conversation.ask(text, k=self.k)
        except AskbotError as e:
            return message(str(e), "error")
        self.last = answer
        titles = {d.id: label(d) for d in self.corpus.documents}
        return answer_reply(answer, tokenize(text), titles)

    def sources(self, _: str = "") -> Reply:
        if self.last is None or not self.last.citations:
            return message("No answer with sources yet; ask a question first.")
        cites = self.last.citations
        return passages_reply(self.corpus, [c.passage for c in cites], frozenset(c.id for c in cites),
                              tokenize(self.last.question))

    def show(self, arg: str) -> Reply:
        n = len(self.corpus.sentences)
        if not arg.isdigit() or not 1 <= int(arg) <= n:
            return message(f"Usage: /show N, a sentence number from 1 to {n}.", "error")
        sentence = self.corpus.sentence(int(arg))
        return Reply(tuple(passage_paras(self.corpus.passage(sentence.passage_id), frozenset({sentence.id}))))

    def open(self, arg: str) -> Reply:
        if not arg:
            return message("Usage: /open PATH, an article file (.txt/.md/.html), a folder of them, "
                           "or the http(s) URL of a web page.", "error")
        path = arg.strip("'\"")
        path = path if "://" in path else os.path.expanduser(path)
        try:
            retriever = self._load(path)
        except AskbotError as e:
            return message(str(e), "error")
        except OSError as e:
            return message(f"cannot open {shown(arg)}: {e.strerror or e}", "error")
        self.retriever, self.conversation, self.last = retriever, Conversation(retriever, self._answer), None
        return message(f"Now reading {describe(self.corpus)}.")

    def set_k(self, arg: str) -> Reply:
        if not arg:
            return message(f"Each question considers {self.k} passages.")
        most = len(self.corpus.passages)
        if not arg.isdigit() or int(arg) < 1:
            return message(f"Usage: /k N, a whole number from 1 to {most} (the article's passages).", "error")
        if int(arg) > most:
            return message(f"The article has {most} passages; /k takes 1 to {most}.", "error")
        self.k = int(arg)
        return message(f"Each question now considers {self.k} passages.")
