"""The modules' import graph: one way, no cycle, and the retriever free of the answer stage."""

from __future__ import annotations

import ast
from pathlib import Path

import askbot

PACKAGE = Path(askbot.__file__).parent
ANSWER_STAGE = {"aliases", "answer", "cues", "evidence", "features", "followup", "related", "weights"}


def imports() -> dict[str, set[str]]:
    """Module -> the askbot modules it imports anywhere in it (lazy imports too; not imports
    under ``if TYPE_CHECKING:``, which are type hints and never run)."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.glob("*.py"):
        found: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hints = {id(n) for b in ast.walk(tree) if isinstance(b, ast.If) and ast.unparse(b.test) == "TYPE_CHECKING"
                 for n in ast.walk(b)}
        for node in ast.walk(tree):
            if id(node) in hints:
                continue
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found |= {node.module} if node.module else {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("askbot."):
                found.add(node.module.split(".")[1])
        graph[path.stem] = found - {path.stem, "__init__"}
    return graph


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_no_import_cycle():
    graph = imports()
    assert [m for m in graph if m in reachable(graph, m)] == []


def test_retrieval_modules_import_nothing_of_the_answer_stage():
    graph = imports()
    for module in ("corpus", "loading", "segment", "analysis", "index", "blockmax", "bm25", "retriever"):
        assert reachable(graph, module) & ANSWER_STAGE == set(), module
