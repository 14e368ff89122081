"""Articles as values: files -> Document -> Passage -> Sentence.

Every Sentence and Passage knows its character offsets into its document's
text, so ``document.text[s.start:s.end] == s.text``. Passage ids count from 1
over the corpus; sentence ids count from 1 over the corpus in reading order,
and a sentence id is the citation marker ``[n]``.

Sentences are found lazily: pysbd costs ~1 ms a sentence, and retrieval
needs only passage text. The first access to ``corpus.sentences`` or any
``passage.sentences`` segments the whole corpus once (a sentence id depends
on how many sentences every earlier passage has), so ids and offsets are
exactly those of segmenting at load time. ``segmentation.preload`` takes the
spans from an index cache instead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .errors import checked_id, expect

_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")


@dataclass(frozen=True)
class Sentence:
    """A sentence: ``id`` (the citation marker, from 1 over the corpus), text and offsets into its document."""

    id: int
    text: str
    start: int
    end: int
    passage_id: int
    document_id: int = 1


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
        return found if isinstance(found, tuple) else found.of_passage(self.id)


@dataclass(frozen=True)
class Document:
    """One article file (or text): its id, title, normalised text and path; a web page's
    author, publication date (YYYY-MM-DD) and URL when it gives them."""

    id: int
    title: str
    text: str
    path: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None


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
    sep = _BLANK_LINE if _BLANK_LINE.search(text.strip()) else re.compile(r"\n")
    spans, pos = [], 0
    for m in [*sep.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + len(chunk.rstrip())))
        pos = m.end() if m else pos
    return spans


def title_from_path(path: str) -> str:
    name = os.path.basename(os.path.normpath(path))
    return os.path.splitext(name)[0].replace("-", " ").replace("_", " ").strip() or name


class Segmentation:
    """Sentence spans of every passage of a corpus, found on first need."""

    def __init__(self, documents: Sequence[Document], passages: Sequence[tuple[int, int, int]]):
        self._documents = documents
        self._passages = passages  # (document id, start, end), in passage order
        self._by_passage: list[tuple[Sentence, ...]] | None = None
        self._all: tuple[Sentence, ...] = ()
        self.progress: Callable[[int, int], None] | None = None  # (passages done, of)
        self.on_done: Callable[[Segmentation], None] | None = None  # e.g. write the spans to a cache

    @property
    def done(self) -> bool:
        return self._by_passage is not None

    def of_passage(self, passage_id: int) -> tuple[Sentence, ...]:
        self._ensure()
        return self._by_passage[passage_id - 1]

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

    def _ensure(self) -> None:
        if self._by_passage is not None:
            return
        from .segment import split_sentences  # pysbd's rules compile on first use: only when needed

        per_passage = []
        for n, (doc_id, p_start, p_end) in enumerate(self._passages, 1):
            per_passage.append(split_sentences(self._documents[doc_id - 1].text, p_start, p_end))
            if self.progress is not None and (n % 500 == 0 or n == len(self._passages)):
                self.progress(n, len(self._passages))
        self._build(per_passage)
        if self.on_done is not None:
            self.on_done(self)

    def _build(self, per_passage: list[list[tuple[int, int]]]) -> None:
        out: list[tuple[Sentence, ...]] = []
        n = 0
        for pid, ((doc_id, _, _), found) in enumerate(zip(self._passages, per_passage, strict=True), 1):
            text = self._documents[doc_id - 1].text
            out.append(tuple(Sentence(n + i, text[s:e], s, e, pid, doc_id) for i, (s, e) in enumerate(found, 1)))
            n += len(found)
        self._all = tuple(s for p in out for s in p)
        self._by_passage = out


@dataclass(frozen=True)
class Corpus:
    """One or more documents, split into passages and sentences."""

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
        """The sentence with this id, its citation marker (1..N); IdOutOfRange (an IndexError) outside."""
        return self.sentences[checked_id(sentence_id, len(self.sentences), "sentence")]

    @classmethod
    def from_text(cls, text: str, title: str = "article") -> Corpus:
        """One article from its text (str; TypeError for anything else)."""
        expect(text, str, "Corpus.from_text: the text")
        return cls.from_documents([(title, text, None)])

    @classmethod
    def from_path(cls, path: str | os.PathLike[str]) -> Corpus:
        """Load one article file, or every .txt/.md/.html file below a folder, or a web page
        (an http or https URL, fetched once and then read from the page cache)."""
        from .loading import read_articles

        expect(path, (str, bytes, os.PathLike), "Corpus.from_path: the path")
        return cls.from_documents(read_articles(os.fsdecode(path)))

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
            documents.append(Document(doc_id, title, text, path, **(meta[0] if meta else {})))
            spans.extend((doc_id, start, end) for start, end in paragraph_spans(text))
        seg = Segmentation(documents, spans)
        passages = tuple(
            Passage(pid, documents[doc_id - 1].text[start:end], start, end, seg, doc_id)
            for pid, (doc_id, start, end) in enumerate(spans, 1)
        )
        return cls(tuple(documents), passages, seg)
