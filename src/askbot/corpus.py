"""Articles as values: files -> Document -> Passage -> Sentence.

Every Sentence and Passage knows its character offsets into its document's
text, so ``document.text[s.start:s.end] == s.text``. Passage ids count from 1
over the corpus; sentence ids count from 1 over the corpus in reading order,
and a sentence id is the citation marker ``[n]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .segment import split_sentences

SUFFIXES = (".txt", ".md")
_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")


@dataclass(frozen=True)
class Sentence:
    id: int
    text: str
    start: int
    end: int
    passage_id: int
    document_id: int = 1


@dataclass(frozen=True)
class Passage:
    id: int
    text: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]
    document_id: int = 1


@dataclass(frozen=True)
class Document:
    id: int
    title: str
    text: str
    path: str | None = None


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


def title_from_path(path: Path) -> str:
    return path.stem.replace("-", " ").replace("_", " ").strip() or path.name


@dataclass(frozen=True)
class Corpus:
    """One or more documents, split into passages and sentences."""

    documents: tuple[Document, ...]
    passages: tuple[Passage, ...]
    sentences: tuple[Sentence, ...]

    @property
    def title(self) -> str:
        if len(self.documents) == 1:
            return self.documents[0].title
        return f"{len(self.documents)} articles"

    def document(self, document_id: int) -> Document:
        return self.documents[document_id - 1]

    def passage(self, passage_id: int) -> Passage:
        return self.passages[passage_id - 1]

    def sentence(self, sentence_id: int) -> Sentence:
        return self.sentences[sentence_id - 1]

    @classmethod
    def from_text(cls, text: str, title: str = "article") -> Corpus:
        return cls.from_documents([(title, text, None)])

    @classmethod
    def from_path(cls, path: str | Path) -> Corpus:
        """Load one article file, or every .txt/.md file below a folder."""
        from .loading import read_articles

        return cls.from_documents(read_articles(Path(path)))

    @classmethod
    def from_documents(cls, docs: list[tuple[str, str, str | None]]) -> Corpus:
        """Build from (title, text, path) triples, numbering as it goes."""
        documents: list[Document] = []
        passages: list[Passage] = []
        sentences: list[Sentence] = []
        for doc_id, (title, raw, path) in enumerate(docs, start=1):
            text = normalise_newlines(raw)
            documents.append(Document(doc_id, title, text, path))
            for p_start, p_end in paragraph_spans(text):
                pid = len(passages) + 1
                sents = tuple(
                    Sentence(len(sentences) + i, text[s:e], s, e, pid, doc_id)
                    for i, (s, e) in enumerate(split_sentences(text, p_start, p_end), 1)
                )
                sentences.extend(sents)
                passages.append(Passage(pid, text[p_start:p_end], p_start, p_end, sents, doc_id))
        return cls(tuple(documents), tuple(passages), tuple(sentences))
