"""Articles as values: files -> Document -> Passage -> Sentence.

Every Sentence and Passage knows its character offsets into its document's
text, so ``document.text[s.start:s.end] == s.text``. Passage ids count from 1
over the corpus; a sentence id is the citation marker ``[n]``, in reading order.

Sentences are found lazily: pysbd costs ~0.5 ms a sentence, and retrieval
needs only passage text. In a corpus of up to ``EAGER_PASSAGES`` passages (an
article, a few hundred), the first need segments the whole corpus once and
sentence ids count 1, 2, 3 ... over it (an id depends on how many sentences
every earlier passage has). A larger corpus segments a passage when its
sentences are first asked for, and numbers them in blocks by passage
(``Segmentation``), so that a first answer needs a few passages segmented, not
all. ``segmentation.preload`` takes the spans from an index cache instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from .errors import IdOutOfRange, checked_id, expect
from .lazyre import LazyRegex
from .loading import read_articles
from .loading import title_from_path as title_from_path  # re-exported: importable from corpus too

EAGER_PASSAGES = 2000  # up to this many passages, all are segmented at once and sentence ids run 1, 2, 3 ...
_BLANK_LINE = LazyRegex(r"\n[ \t\f\v]*\n")
_NEWLINE = LazyRegex(r"\n")


@dataclass(frozen=True)
class Sentence:
    """A sentence: ``id`` (the citation marker, from 1 over the corpus), text and offsets into its document."""

    id: int
    text: str
    start: int
    end: int
    passage_id: int
    document_id: int = 1

    def __repr__(self) -> str:
        return f"Sentence([{self.id}] passage {self.passage_id}, {self.start}:{self.end}, {_short(self.text)})"


@dataclass(frozen=True)
class Passage:
    """A paragraph: ``id`` (from 1 over the corpus), text and offsets into its
    document; ``sentences`` are found on first use."""

    id: int
    text: str
    start: int
    end: int
    _sentences: Segmentation | tuple[Sentence, ...] = field(default=(), repr=False, compare=False)
    document_id: int = 1

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        found = self._sentences
        if isinstance(found, tuple):
            return found
        found = found.of_passage(self.id)
        object.__setattr__(self, "_sentences", found)  # kept: the same value on every later call
        return found

    def __repr__(self) -> str:
        return f"Passage({self.id}, {self.start}:{self.end}, {_short(self.text)})"


@dataclass(frozen=True)
class Document:
    """One article file (or text): its id, title, the text that is indexed, its path;
    ``name``, its path relative to the corpus folder (None unless it came from one);
    and a web page's author, publication date (YYYY-MM-DD) and URL when it gives them.

    For a Markdown file ``text`` is the article without its markup and ``source``
    the file's text; passage and sentence offsets are into ``text``, and
    ``source_span`` maps them to the file. For plain text both are the same.
    """

    id: int
    title: str
    text: str
    path: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    name: str | None = None
    source: str | None = field(default=None, repr=False, compare=False)
    offsets: tuple[int, ...] = field(default=(), repr=False, compare=False)  # text index -> source index

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """(start, end) in the file's text of ``text[start:end]``."""
        if not self.offsets or end <= start:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1

    def __repr__(self) -> str:
        shown = self.name or (os.path.basename(self.path) if self.path else None)  # short: no folders
        where = f", {shown!r}" if shown else ""
        return f"Document({self.id}, {self.title!r}{where}, {len(self.text)} characters)"


def _short(text: str, limit: int = 40) -> str:
    """``text`` quoted, cut to about ``limit`` characters for a repr."""
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def normalise_newlines(text: str) -> str:
    """Drop a leading BOM and turn CRLF and CR into LF."""
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, surrounding white space excluded.

    With blank lines, paragraphs are separated by them and single newlines
    inside are soft wraps; without, every non-empty line is a paragraph.
    Blank lines before the first or after the last line separate nothing.
    """
    sep = _BLANK_LINE if _BLANK_LINE.search(text.strip()) else _NEWLINE
    spans, pos = [], 0
    for m in [*sep.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + len(chunk.rstrip())))
        pos = m.end() if m else pos
    return spans


class Segmentation:
    """Sentence spans of the passages of a corpus, found on first need.

    Up to ``EAGER_PASSAGES`` passages, the first need segments every passage, and
    sentence ids count 1, 2, 3 ... over the corpus. A larger corpus segments a
    passage only when its sentences are asked for, and a sentence's id is
    ``(passage id - 1) * block + its place in the passage`` (from 1), where
    ``block`` is a power of ten above the longest passage's length in characters:
    a passage holds fewer sentences than characters, so ids never collide, keep
    reading order, and need no other passage segmented (design.md).
    """

    def __init__(self, documents: Sequence[Document], passages: Sequence[tuple[int, int, int]]):
        self._documents = documents
        self._passages = passages  # (document id, start, end), in passage order
        self._by_passage: list[tuple[Sentence, ...]] | None = None
        self._all: tuple[Sentence, ...] = ()
        longest = max((end - start for _, start, end in passages), default=0)
        self.block = 10 ** len(str(longest)) if len(passages) > EAGER_PASSAGES else 0
        self._found: dict[int, tuple[Sentence, ...]] = {}  # by passage id, when segmented one by one
        self.progress: Callable[[int, int], None] | None = None  # (passages done, of)
        self.on_done: Callable[[Segmentation], None] | None = None  # e.g. write the spans to a cache

    @property
    def done(self) -> bool:
        return self._by_passage is not None

    def of_passage(self, passage_id: int) -> tuple[Sentence, ...]:
        if self.block and self._by_passage is None:
            found = self._found.get(passage_id)
            if found is None:
                found = self._found[passage_id] = self._sentences(passage_id, self._split(passage_id))
            return found
        self._ensure()
        return self._by_passage[passage_id - 1]

    def sentence(self, sentence_id: int) -> Sentence:
        """The sentence with this id (IndexError if none has it)."""
        if not self.block:
            return self.all()[sentence_id - 1]
        pid, i = divmod(sentence_id - 1, self.block)
        if sentence_id < 1 or pid >= len(self._passages):
            raise IndexError(f"no sentence {sentence_id}")
        return self.of_passage(pid + 1)[i]

    def all(self) -> tuple[Sentence, ...]:
        self._ensure()
        return self._all

    def spans(self) -> tuple[list[int], list[tuple[int, int]]]:
        """(sentences per passage, (start, end) of every sentence)."""
        self._ensure()
        return [len(p) for p in self._by_passage], [(s.start, s.end) for s in self._all]

    def preload(self, counts: Sequence[int], spans: Sequence[tuple[int, int]]) -> bool:
        """Take spans found before (e.g. cached); False, and nothing taken, if they do not fit."""
        if len(counts) != len(self._passages) or sum(counts) != len(spans) or min(counts, default=0) < 0:
            return False
        it = iter(spans)
        per_passage = [[next(it) for _ in range(c)] for c in counts]
        for (_, p_start, p_end), found in zip(self._passages, per_passage, strict=True):
            if any(not p_start <= s < e <= p_end for s, e in found):
                return False
        self._build(per_passage)
        return True

    def _split(self, passage_id: int) -> list[tuple[int, int]]:
        from .segment import split_sentences  # pysbd's rules compile on first use: only when needed

        doc_id, start, end = self._passages[passage_id - 1]
        return split_sentences(self._documents[doc_id - 1].text, start, end)

    def _ensure(self) -> None:
        if self._by_passage is not None:
            return
        per_passage = []
        for n in range(1, len(self._passages) + 1):
            found = self._found.get(n)
            per_passage.append([(s.start, s.end) for s in found] if found is not None else self._split(n))
            if self.progress is not None and (n % 500 == 0 or n == len(self._passages)):
                self.progress(n, len(self._passages))
        self._build(per_passage)
        if self.on_done is not None:
            self.on_done(self)

    def _sentences(self, pid: int, found: list[tuple[int, int]], first: int = 0) -> tuple[Sentence, ...]:
        """Sentence values of passage ``pid``; ids from ``first`` + 1, or by block."""
        doc_id = self._passages[pid - 1][0]
        text = self._documents[doc_id - 1].text
        first = (pid - 1) * self.block if self.block else first
        return tuple(Sentence(first + i, text[s:e], s, e, pid, doc_id) for i, (s, e) in enumerate(found, 1))

    def _build(self, per_passage: list[list[tuple[int, int]]]) -> None:
        out: list[tuple[Sentence, ...]] = []
        n = 0
        for pid, found in enumerate(per_passage, 1):
            out.append(self._sentences(pid, found, n))
            n += len(found)
        self._all = tuple(s for p in out for s in p)
        self._by_passage = out


@dataclass(frozen=True)
class Corpus:
    """One or more documents, split into passages and sentences.

    >>> corpus = Corpus.from_text("The bridge opened in May. It cost $2 billion.\\n\\nA ferry runs at night.",
    ...                           title="bridge")
    >>> corpus
    Corpus('bridge', 2 passages)
    >>> corpus.passages[1]
    Passage(2, 47:69, 'A ferry runs at night.')
    >>> corpus.sentences[:2]
    (Sentence([1] passage 1, 0:25, 'The bridge opened in May.'), Sentence([2] passage 1, 26:45, 'It cost $2 billion.'))
    >>> corpus.documents[0]
    Document(1, 'bridge', 69 characters)
    """

    documents: tuple[Document, ...]
    passages: tuple[Passage, ...]
    _sentences: Segmentation | tuple[Sentence, ...] = field(default=(), repr=False, compare=False)

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        found = self._sentences
        return found if isinstance(found, tuple) else found.all()

    @property
    def segmentation(self) -> Segmentation | None:
        """The lazy sentence finder (None when sentences were given)."""
        return self._sentences if isinstance(self._sentences, Segmentation) else None

    def __repr__(self) -> str:
        docs = f"{len(self.documents)} documents, " if len(self.documents) > 1 else ""
        return f"Corpus({self.title!r}, {docs}{len(self.passages)} passages)"

    @property
    def title(self) -> str:
        if len(self.documents) == 1:
            return self.documents[0].title
        return f"{len(self.documents)} articles"

    def document(self, document_id: int) -> Document:
        """The document with this id (1..N); IdOutOfRange (an IndexError) outside, never wrapping around."""
        return self.documents[checked_id(document_id, len(self.documents), "document")]

    def passage(self, passage_id: int) -> Passage:
        """The passage with this id (1..N); IdOutOfRange (an IndexError) outside."""
        return self.passages[checked_id(passage_id, len(self.passages), "passage")]

    def sentence(self, sentence_id: int) -> Sentence:
        """The sentence with this id, its citation marker; IdOutOfRange (an IndexError) for an id no
        sentence has (ids count from 1 and never wrap around)."""
        seg = self.segmentation
        if seg is None or not seg.block:
            return self.sentences[checked_id(sentence_id, len(self.sentences), "sentence")]
        checked_id(sentence_id, sys.maxsize, "sentence")
        try:
            return seg.sentence(sentence_id.__index__())
        except IndexError:
            raise IdOutOfRange(f"there is no sentence {sentence_id}") from None

    @classmethod
    def from_text(cls, text: str, title: str = "article") -> Corpus:
        """One article from its text (str; TypeError for anything else)."""
        expect(text, str, "Corpus.from_text: the text")
        return cls.from_documents([(title, text, None)])

    @classmethod
    def from_path(cls, path: str | os.PathLike[str]) -> Corpus:
        """Load one article file, or every .txt/.md/.html file below a folder, or a web page
        (an http or https URL, fetched once and then read from the page cache).

        A document from a folder is ``name``d by its path relative to the folder.
        """
        expect(path, (str, bytes, os.PathLike), "Corpus.from_path: the path")
        path = os.fsdecode(path)
        corpus = cls.from_documents(read_articles(path))
        if not os.path.isdir(path):
            return corpus
        named = tuple(replace(d, name=os.path.relpath(d.path, path).replace(os.sep, "/")) for d in corpus.documents)
        return cls(named, corpus.passages, corpus._sentences)

    @classmethod
    def from_documents(cls, docs: Sequence[tuple]) -> Corpus:
        """Build from (title, text, path) triples, numbering as it goes; a fourth item, when
        given, maps Document's optional fields (author, date, url) to their values."""
        documents: list[Document] = []
        spans: list[tuple[int, int, int]] = []
        docs = list(docs)
        for doc in docs:
            if not (isinstance(doc, tuple | list) and len(doc) in (3, 4)
                    and (len(doc) == 3 or isinstance(doc[3], dict))):
                raise TypeError(f"Corpus.from_documents takes (title, text, path) triples, not {doc!r:.60}")
            expect(doc[0], str, "a document title")
            expect(doc[1], str, "a document text")
            expect(doc[2], (str, type(None)), "a document path")
        for doc_id, (title, raw, path, *meta) in enumerate(docs, start=1):
            text = normalise_newlines(raw)
            if path and path.lower().endswith(".md"):  # imported only for Markdown: start-up on .txt pays nothing
                from .markdown import plain_text

                md = plain_text(text)
                source = text if md.offsets else None  # None: the text is the file's own
                documents.append(Document(doc_id, md.title or title, md.text, path, source=source, offsets=md.offsets))
            else:
                documents.append(Document(doc_id, title, text, path, **(meta[0] if meta else {})))
            text = documents[-1].text
            spans.extend((doc_id, start, end) for start, end in paragraph_spans(text))
        seg = Segmentation(documents, spans)
        passages = tuple(
            Passage(pid, documents[doc_id - 1].text[start:end], start, end, seg, doc_id)
            for pid, (doc_id, start, end) in enumerate(spans, 1)
        )
        return cls(tuple(documents), passages, seg)
