"""Word forms a Snowball stemmer cannot join to their base: irregular English
verbs (past tense and participle), irregular plurals, month abbreviations.

Written out here rather than taken from a lemma package: a lemma table costs
~0.45 s to load on every start, and these are the forms that matter in news
questions ("met" vs "meet", "sought" vs "seek", "struck" vs "strike").
"""

_VERBS = """
arise arose arisen|awake awoke awoken|be was were been|bear bore borne born|beat beat beaten|become became|
begin began begun|bend bent|bet bet|bid bade bidden|bind bound|bite bit bitten|bleed bled|blow blew blown|
break broke broken|breed bred|bring brought|build built|burn burnt|burst burst|buy bought|catch caught|
choose chose chosen|cling clung|come came|cost cost|creep crept|cut cut|deal dealt|dig dug|do did done|
draw drew drawn|dream dreamt|drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|feed fed|
feel felt|fight fought|find found|flee fled|fling flung|fly flew flown|forbid forbade forbidden|
forecast forecast|foresee foresaw foreseen|forget forgot forgotten|forgive forgave forgiven|freeze froze frozen|
get got gotten|give gave given|go went gone|grind ground|grow grew grown|hang hung|have had has|hear heard|
hide hid hidden|hit hit|hold held|hurt hurt|keep kept|kneel knelt|know knew known|lay laid|lead led|
lean leant|leap leapt|learn learnt|leave left|lend lent|let let|lie lay lain|light lit|lose lost|make made|
mean meant|meet met|mislead misled|overcome overcame|overtake overtook overtaken|pay paid|prove proven|
put put|quit quit|read read|rid rid|ride rode ridden|ring rang rung|rise rose risen|run ran|say said|
see saw seen|seek sought|sell sold|send sent|set set|shake shook shaken|shed shed|shine shone|shoot shot|
show shown|shrink shrank shrunk|shut shut|sing sang sung|sink sank sunk|sit sat|sleep slept|slide slid|
speak spoke spoken|speed sped|spend spent|spin spun|spit spat|split split|spread spread|spring sprang sprung|
stand stood|steal stole stolen|stick stuck|sting stung|stink stank stunk|stride strode stridden|
strike struck stricken|string strung|strive strove striven|swear swore sworn|sweep swept|swim swam swum|
swing swung|take took taken|teach taught|tear tore torn|tell told|think thought|throw threw thrown|
thrust thrust|tread trod trodden|understand understood|undertake undertook undertaken|uphold upheld|
upset upset|wake woke woken|wear wore worn|weave wove woven|weep wept|win won|wind wound|withdraw withdrew
withdrawn|write wrote written|
"""

_NOUNS = """
child children|man men|woman women|person people|mouse mice|goose geese|foot feet|tooth teeth|
ox oxen|criterion criteria|phenomenon phenomena|datum data|analysis analyses|crisis crises|thesis theses|
"""

_ABBREVIATIONS = """
january jan|february feb|march mar|april apr|june jun|july jul|august aug|september sep sept|
october oct|november nov|december dec|
"""


def _table(*blocks: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for block in blocks:
        for entry in filter(str.strip, " ".join(block.split()).split("|")):
            base, *forms = entry.split()
            for form in forms:
                out.setdefault(form, base)
    return out


# "found" (find) and "ground"/"left"/"lay"/"saw" are also words of their own; the
# table maps them anyway: the question and the article go through the same map.
BASE_FORM = _table(_VERBS, _NOUNS, _ABBREVIATIONS)
