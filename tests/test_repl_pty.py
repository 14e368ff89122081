"""End to end: the real ``askbot`` process in a pseudo-terminal, driven by pexpect."""

from __future__ import annotations

import os
import sys

import pytest

pexpect = pytest.importorskip("pexpect")

PROMPT = "askbot>"  # prompt-toolkit draws the trailing space with cursor moves


@pytest.fixture
def child(tmp_path, bridge_path):
    env = {**os.environ, "ASKBOT_HOME": str(tmp_path / "askbot-home"), "TERM": "xterm",
           "PROMPT_TOOLKIT_NO_CPR": "1"}  # no cursor-position requests: pexpect does not answer them
    p = pexpect.spawn(sys.executable, ["-m", "askbot", "--corpus", str(bridge_path)], env=env,
                      encoding="utf-8", timeout=30, dimensions=(40, 120))
    yield p
    p.close(force=True)


def test_a_session_in_a_terminal(child, tmp_path):
    child.expect_exact("askbot 0.1.0 — harbor bridge (5 passages, 10 sentences)")
    child.expect_exact("Ctrl-D or /quit to leave.")
    child.expect_exact(PROMPT)

    child.sendline("When did the bridge open?")
    child.expect_exact("Sept. 13")
    child.expect_exact("[1] On **Sept. 13**, engineers from Norway and Chile opened the Harbor Bridge")  # NO_COLOR
    child.expect_exact(PROMPT)

    child.sendline("How much did it cost?")
    child.expect_exact("[2] The bridge cost **$2.4 billion**, and it carries 40,000 cars a day.")
    child.expect_exact(PROMPT)

    child.sendline("/sources")
    child.expect_exact("Passage 1 (sentences 1–2)")
    child.expect_exact("*[2] The bridge cost $2.4 billion")
    child.expect_exact(PROMPT)

    child.send("half a quest")
    child.expect_exact("quest")
    child.sendintr()  # Ctrl-C: the line is dropped, the session goes on
    child.expect_exact(PROMPT)
    child.sendline("/k")
    child.expect_exact("Each question considers 5 passages.")
    child.expect_exact(PROMPT)

    child.sendcontrol("d")  # Ctrl-D on an empty line: leave
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    history = (tmp_path / "askbot-home" / "history").read_text(encoding="utf-8")
    lines = [line for line in history.splitlines() if line.startswith("+")]
    assert lines == ["+When did the bridge open?", "+How much did it cost?", "+/sources", "+/k"]
