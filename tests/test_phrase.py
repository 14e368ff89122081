"""Short answers: the phrase of the first cited sentence, yes/no leads, their JSON and their display."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import askbot
from askbot import cli
from askbot.phrase import ShortAnswer, is_yes_no, kind, quotation, yes_no
from askbot.render import as_dict, as_text

ARTICLE = Path(__file__).resolve().parents[1] / "corpus" / "putin-kim-vostochny.txt"


@pytest.fixture(scope="module")
def article() -> askbot.Retriever:
    return askbot.Retriever(askbot.Corpus.from_path(ARTICLE))


def short(question: str, retriever: askbot.Retriever) -> str | None:
    found = askbot.ask(question, retriever).short_answer
    return found.text if found else None


@pytest.mark.parametrize(("question", "phrase"), [
    ("when did putin and kim meet", "Sept. 13"),
    ("where did the meeting take place", "Russia’s Vostochny Cosmodrome"),
    ("how long was the meeting", "five-hour"),
    ("how many times has north korea failed to launch a spy satellite", "two"),
    ("what did jong un say according to abc news",
     "Russia has risen to a sacred fight to its sovereignty and security against the hegemonic forces"),
])
def test_the_phrase_that_answers_known_questions(article, question, phrase):
    assert short(question, article) == phrase


@pytest.mark.parametrize(("question", "phrase"), [
    # the object of the asked verb: the clause after it
    ("what could the cosmodrome let russia do", "domestically launch its own probes"),
    ("what did putin come to discuss", "contemporary issues affecting both nations"),
    ("what do russia and north korea want to stop", "the expansionism and hegemony of the West"),
    ("what do many countries have on russia", "sanctions"),
    # who is X: the title in X's run of capitals; what is X: the phrase set beside it
    ("whos kim jong un", "North Korean Supreme Leader"),
    ("who’s putin", "Russian President"),
    ("what is the vostochny cosmodrome", "a new site that may allow Russia to domestically launch its own probes"),
    ("what is putin's primary goal in the meeting", "acquiring enough ammunition"),
    ("what is putins primary goal", "acquiring enough ammunition"),
    # which X / what kind of X: the phrase beside X, or X with the words that qualify it
    ("what kind of ammunition is russia short of", "artillery shells"),
    ("which north korean programs get public attention", "ballistic and nuclear weapons programs"),
    # who: the name after "from"/"by", the source, the speaker, the partner, the subject of the predicate
    ("who supports ukraine", "the U.S. and NATO"),
    ("which news agency reported the quote about a great victory", "Reuters"),
    ("who said russia has risen to a sacred fight", "Jong Un"),
    ("who did kim meet with", "Russian President Vladimir Putin"),
    ("who has struggled with ammunition shortages", "both sides of the Russian Invasion of Ukraine"),
    ("who has sanctions on russia", "Many countries"),
    ("who has had trouble keeping up supplies to ukraine", "the U.S. and NATO"),  # "..., who have had ..."
    ("how many friendly countries do russia and north korea have", "very few"),  # the degree with the number
    ("where is the vostochny cosmodrome", "Russia"),  # "Russia’s": the owner, not the possessive
])
def test_the_question_shape_points_at_the_phrase(article, question, phrase):
    assert short(question, article) == phrase


def _rule(question: str, text: str) -> str | None:
    from askbot.analysis import tokenize
    from askbot.phrase import head_terms, rule_span
    from askbot.spans import sentence_tokens
    found = rule_span(question, text, head_terms(question), frozenset(tokenize(question)))
    if found is None:
        return None
    places = sentence_tokens(text)[0]
    return text[places[found[0]][0]:places[found[1]][1]]


@pytest.mark.parametrize(("question", "text", "phrase"), [
    ("what did the mayor want from the council", "The mayor sought a new budget from the council.", "a new budget"),
    ("what will the board decide to build", "The board decided to build a footbridge, officials said.",
     "a footbridge"),
    ("who is Pel Toran", "Norland's Prime Minister Pel Toran spoke on Monday.", "Norland's Prime Minister"),
    ("what is the Harbor Bridge", "The Harbor Bridge — a steel arch over the bay — opened in May.",
     "a steel arch over the bay"),
    ("what kind of fish were caught", "Fishermen caught fish — mostly cod and haddock — all week.",
     "cod and haddock"),
    ("who repaired the road", "The road was repaired by Baker Construction in June.", "Baker Construction"),
    ("who said the plan would fail", "“The plan will fail,” Mara Lind said on Tuesday.", "Mara Lind"),
    ("who did toran meet", "Pel Toran and Ivo Sand met in Lisbon.", "Ivo Sand"),
    ("what did the council do", "The council voted down the plan.", "voted down the plan"),
    ("how many days did the fair run", "They held a three-day fair, half-hourly shows included.", "three-day"),
    ("why was the match stopped", "The match was stopped because of heavy rain, officials said.", "heavy rain"),
    ("why did the mayor visit the port", "The mayor visited the port to meet the dock workers.",
     "to meet the dock workers"),
])
def test_the_shape_rules_read_any_sentence(question, text, phrase):
    assert _rule(question, text) == phrase


@pytest.mark.parametrize(("question", "text"), [
    ("who was limited by the defense", "The defense limited him all game."),  # no "by"/"from" after the verb
    ("who did the team beat", "The team beat the Tigers 3-1."),  # an object: the learned scorer's
    ("what is the capital's population", "The city grew fast."),  # nothing "is the population"
    ("which team won", "The Rock group Coldplay won."),  # the name after the head is the scorer's to find
])
def test_the_shape_rules_leave_other_sentences_to_the_scorer(question, text):
    assert _rule(question, text) is None


# --- yes or no -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "yes"), [
    ("did they meet", True), ("Is the alliance ideological?", True), ("could it violate resolutions", True),
    ("Has Kim spoken", True), ("won't they", True), ("when did they meet", False), ("what is it", False),
    ("who did it", False), ("", False),
])
def test_yes_no_questions_start_with_an_auxiliary_verb(question, yes):
    assert is_yes_no(question) is yes


def test_a_sentence_that_affirms_is_yes(article):
    assert yes_no("was a deal struck", "At the meeting, a deal was struck that would see ammunition sent.",
                  {"deal", "struck"}) == "Yes"
    assert short("was a deal struck at the meeting", article) == "Yes"


def test_a_sentence_that_negates_is_no(article):
    assert yes_no("was the us mentioned", "While Ukraine or the U.S. was not directly mentioned, he spoke.",
                  {"u.s", "mention"}) == "No"
    assert yes_no("did the launch work", "The launch failed twice.", {"launch", "work"}) == "No"
    assert short("is the alliance ideological", article) == "No"  # "... rather than a strong ideological commitment"


def test_a_sentence_that_hedges_is_unclear():
    sentence = "It’s unclear when North Korean ammunition will make it to Russia."
    assert yes_no("will the ammunition arrive soon", sentence, {"ammunit", "arriv"}) == "Unclear"
    assert yes_no("will they sign", "They may sign the deal next year.", {"sign"}) == "Unclear"


@pytest.mark.parametrize(("question", "found"), [
    ("when will the ammunition get to russia", ("Unclear", 9)),  # "It’s unclear when ... or how much ..."
    ("how much ammunition can north korea give", ("Unclear", 9)),
])
def test_a_sentence_that_leaves_the_asked_thing_open_answers_unclear(article, question, found):
    got = askbot.ask(question, article).short_answer
    assert (got.text, got.citation, got.start, got.end) == (*found, None, None)


@pytest.mark.parametrize(("question", "open_"), [
    ("when will the bridge open", True),
    ("how much will the bridge cost", True),  # joined to the first wh-word by "or"
    ("where will the bridge open", False),  # another wh-word than the one left open
    ("when will the ferry stop", False),  # the open clause is about something else
])
def test_left_open_needs_the_questions_wh_word_and_its_terms(question, open_):
    from askbot.analysis import tokenize
    from askbot.yesno import left_open

    sentence = "It is not yet known when the bridge will open or how much it will cost in the end."
    assert left_open(question, sentence, tokenize(question)) is open_


@pytest.mark.parametrize(("text", "question", "phrase"), [
    ("The Harbor Bridge opened on Sept. 13 in Valdoria.\n\nIt cost $2 billion.", "when did the harbor bridge open",
     "Sept. 13"),
    ("Talks began on 4 March. The deal was signed on May 21, 2019, in Oslo.", "when was the deal signed",
     "May 21, 2019"),
])
def test_a_date_keeps_its_month_and_day_together(text, question, phrase):
    found = askbot.ask(question, askbot.Corpus.from_text(text)).short_answer
    assert found is not None and found.text == phrase


def test_cue_words_the_question_itself_uses_do_not_count():
    # "could" is asked and read: it affirms; "uncertain" stands in another clause than the question's words
    sentence = ("It is uncertain how much Russia can or will assist North Korea, especially since such aid "
                "could violate multiple U.N. resolutions.")
    assert yes_no("could russian help violate u.n. resolutions", sentence, {"russian", "help", "violat", "u.n",
                                                                            "resolut"}) == "Yes"
    assert yes_no("did the launch fail", "The launch failed twice.", {"launch", "fail"}) == "Yes"


def test_a_hedge_counts_only_before_the_words_asked_about():
    sentence = "He hoped to gain expertise, allowing the country to launch satellites and possibly people into space."
    assert yes_no("does the country want to launch satellites", sentence, {"countri", "want", "launch", "satellit"}) \
        == "Yes"  # "possibly" hedges the people after it, not the satellites before it
    assert yes_no("could the country send people into space", sentence, {"countri", "send", "peopl", "space"}) \
        == "Unclear"


def test_only_denies_both_or_all():
    sentence = "While only one calls itself communist, they both seem more concerned with the West."
    assert yes_no("are they both communist", sentence, {"communist"}) == "No"
    assert yes_no("does either country call itself communist", sentence, {"countri", "call", "communist"}) == "Yes"


def test_yes_or_no_is_read_from_the_cited_sentence_about_the_question(article):
    # the first cited sentence "we know the ties ..." holds "know", not what is asked to be known
    answer = askbot.ask("Is it known how much ammunition North Korea can provide?", article)
    assert answer.short_answer.text == "Unclear"
    assert answer.short_answer.citation in [c.id for c in answer.citations[1:]]
    assert "unclear" in article.corpus.sentences[answer.short_answer.citation - 1].text


def test_a_choice_question_gets_a_phrase_not_yes_or_no(article):
    assert short("was the meeting in russia or in north korea", article) not in ("Yes", "No", "Unclear")


# --- kinds and quotations ------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "expected"), [
    ("when did they meet", "when"), ("how many cars", "number"), ("where is it", "where"), ("who won", "who"),
    ("what did he do", "do"), ("what happened", "do"), ("which site", "which"),
    ("why", "why"), ("what is it", "what"), ("name the site", "other"),
])
def test_the_kind_of_answer_a_question_wants(question, expected):
    assert kind(question) == expected


def test_a_what_did_they_say_question_gets_the_whole_quotation():
    text = "“We will win,” he said, according to Reuters."
    start, end = quotation("what did he say", text)
    assert text[start:end] == "We will win"
    assert quotation("who reported it", text) is None


# --- the library and JSON ------------------------------------------------------------------------

def test_the_answer_carries_the_short_answer_with_offsets_into_the_document(article):
    answer = askbot.ask("When did Putin and Kim Jong Un meet?", article)
    assert answer.short_answer == ShortAnswer("Sept. 13", 1, 3, 11)
    assert article.corpus.documents[0].text[answer.short_answer.start:answer.short_answer.end] == "Sept. 13"
    assert "ShortAnswer" in askbot.__all__ and askbot.ShortAnswer is ShortAnswer


def test_an_answer_built_without_a_short_answer_still_works():
    assert askbot.Answer("q", "t", True, 1.0).short_answer is None


def test_a_declined_question_has_no_short_answer(article):
    answer = askbot.ask("What is the capital of France?", article)
    assert not answer.found and answer.short_answer is None and as_dict(answer)["short_answer"] is None


def test_json_short_answer_points_at_the_phrase_in_the_document(capsys, article):
    questions = "where did the meeting take place\nhow many failed satellite launches has north korea had\n"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdin", __import__("io").StringIO(questions))
        assert cli.main(["ask", "--json", "--corpus", str(ARTICLE), "-"]) == 0
    text = article.corpus.documents[0].text
    for line in capsys.readouterr().out.splitlines():
        short_answer = json.loads(line)["short_answer"]
        assert set(short_answer) == {"text", "citation", "start", "end"}
        assert text[short_answer["start"]:short_answer["end"]] == short_answer["text"]
        cited = article.corpus.sentence(short_answer["citation"])
        assert cited.start <= short_answer["start"] < short_answer["end"] <= cited.end


def test_json_yes_no_gives_the_word_without_offsets(article):
    assert as_dict(askbot.ask("was a deal struck at the meeting", article))["short_answer"] == {
        "text": "Yes", "citation": 8, "start": None, "end": None}


# --- display -------------------------------------------------------------------------------------

def test_text_leads_with_the_phrase_marked_in_its_sentence_each_sentence_once(article):
    answer = askbot.ask("when did putin and kim meet", article)
    out = as_text(answer)
    lines = out.splitlines()
    assert lines[:3] == ["Sept. 13", "", "[1] On **Sept. 13**, Russian President Vladimir Putin and North Korean "
                         "Supreme Leader Kim Jong Un met for a five-hour meeting at Russia’s Vostochny Cosmodrome — a "
                         "new site that may allow Russia to domestically launch its own probes."]
    for c in answer.citations:
        assert out.count(c.text.replace("Sept. 13", "**Sept. 13**")) == 1
    assert "\x1b" not in out


def test_colour_marks_the_phrase_with_escape_sequences_and_no_stars(article):
    out = as_text(askbot.ask("when did putin and kim meet", article), color=True)
    assert out.startswith("\x1b[1mSept. 13\x1b[0m\n\n[1] On \x1b[1;4mSept. 13\x1b[0m, Russian President")
    assert "**" not in out


def test_without_sources_the_sentences_follow_the_phrase_as_one_paragraph(article):
    answer = askbot.ask("when did putin and kim meet", article)
    out = as_text(answer, sources=False)
    assert out.splitlines()[0] == "Sept. 13" and out.endswith(f"launch its own probes. [{answer.citations[-1].id}]")
    assert "[1] On" not in out and "**Sept. 13**" in out


def test_width_wraps_with_a_hanging_indent_and_marks_count_as_cells(article):
    lines = as_text(askbot.ask("when did putin and kim meet", article), width=40).splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert lines[2].startswith("[1] On **Sept. 13**,") and lines[3].startswith("    ")


def test_a_pipe_gets_the_plain_form(capsys, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)  # capsys's stdout is no terminal: plain all the same
    assert cli.main(["ask", "--corpus", str(ARTICLE), "when did putin and kim meet"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Sept. 13\n\n[1] On **Sept. 13**, Russian") and "\x1b" not in out


def test_the_session_leads_with_the_phrase_and_marks_it(article):
    from askbot.session import Session

    reply = Session(article).handle("when did putin and kim meet")
    assert reply.plain().startswith("Sept. 13\n\n[1] On **Sept. 13**, Russian President")
    assert ("class:lead", "Sept. 13") in reply.paras[0].fragments
    coloured = reply.shown(color=True)
    assert ("class:phrase", "Sept. 13") in coloured.paras[2].fragments
    assert "**" not in coloured.plain()


def test_token_block_scores_equal_the_rows_times_the_weights(article):
    import numpy as np

    from askbot.spans import ROW_WIDTH, linear_scores, span_rows, spans, split, token_flags

    w = np.random.default_rng(0).normal(size=ROW_WIDTH)
    for s in article.corpus.sentences:
        flags, (first, last) = token_flags(s.text, {"putin", "ammunit"}, {"ammunit"}), spans(s.text)
        assert np.allclose(span_rows(flags, first, last) @ w, linear_scores(flags, first, last, split(w)))
