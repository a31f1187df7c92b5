"""Built-in house-style rules for the mechanical damage translations arrive with."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .articles import article_for
from .glossary import fold
from .model import Edit, Safety, line_bounds
from .rules import Context, Finding, Rule, RuleExample, paragraphs, regex_rule
from .text import sentence_start

SPACE = r"[ \t]"
NOT_IN_WORD = r"(?<![\p{L}\p{M}\p{N}'’‘ʼ\-])"
END_OF_WORD = r"(?![\p{L}\p{M}\p{N}]|['’‘ʼ\-][\p{L}\p{N}])"
SAFE, UNSAFE, FLAG = Safety.SAFE, Safety.UNSAFE, Safety.FLAG
# Words whose doubling is never grammatical ("the the"). Not prepositions, which a verb can end with before
# a phrase that starts with the same one ("gave in in the end", "carried on on his own", "came to to find",
# "approve of of course"), nor "her" ("gave her her share"), "that", "had", "is", "my" ("my my"): RW002 flags those.
DOUBLED_FUNCTION_WORDS = frozenset("a an the and or but nor its their his our your them".split())
# Words an article never precedes; "a" before them is a stray, not an article to agree.
NOT_AFTER_ARTICLE = frozenset(
    "a an the in on at of to by for with from into onto and or but nor as is are was were be been it its he she "
    "they we you i his her their our my this that these those which who whom whose there than".split()
)


def _space_before_punctuation(match: regex.Match) -> str | None:
    """Remove the spaces, except in numbers and times ("10 : 30", "3 .5") and before emoticons."""
    text, end = match.string, match.end()
    mark = text[end]
    after = text[end + 1 : end + 3]
    if mark in ":;" and regex.match(r"-?[()DPp](?!\p{L})", after):
        return None
    if mark in ":.," and text[match.start() - 1].isdigit() and regex.match(r" ?\d", after):
        return None
    return ""


SP001 = regex_rule(
    "SP001",
    "no space before , . ; : ? ! ) ]",
    SAFE,
    rf"(?<=\S){SPACE}+(?=[,;:?!)\]]|\.(?![.\w]))",
    _space_before_punctuation,
    [
        RuleExample("the magazine , it said", "the magazine, it said"),
        RuleExample("by (security) .”", "by (security).”"),
        RuleExample("the end .", "the end."),
        RuleExample("wait ... and see", "wait ... and see"),
        RuleExample("at 10 : 30 today", "at 10 : 30 today"),
        RuleExample("nice :) really", "nice :) really"),
        # A full stop that starts a word is part of it: a file extension or a dotted name.
        RuleExample("receive .au audio, .wav files and .NET code", "receive .au audio, .wav files and .NET code"),
    ],
)

SP002 = regex_rule(
    "SP002",
    "no space after ( or [",
    SAFE,
    rf"(?<=[(\[]){SPACE}+(?=[^\s)\]])",
    "",
    [RuleExample("the ( western) side", "the (western) side"), RuleExample("- [ ] task", "- [ ] task")],
)

SP003 = regex_rule(
    "SP003",
    "one space between words",
    SAFE,
    r"(?<=\S) {2,}(?=\S)",
    " ",
    [RuleExample("the  city of   Mosul", "the city of Mosul"), RuleExample("  indented line", "  indented line")],
)


def _missing_space(match: regex.Match) -> str:
    return match.group() + " "


SP004 = regex_rule(
    "SP004",
    "a space after a comma or full stop between words",
    SAFE,
    r"(?<=\p{L}),(?=\p{L})|(?<=\p{Ll}{2}|\p{Ll}[”’\")\]])\.(?=\p{Lu}\p{Ll})",
    _missing_space,
    [
        RuleExample("Mosul,Kirkuk and Diyala", "Mosul, Kirkuk and Diyala"),
        RuleExample("in Iraq.The army", "in Iraq. The army"),
        RuleExample("“the cells are active”.See", "“the cells are active”. See"),
        RuleExample("1,000 men, 3.5 km, the U.S. army, e.g. this", "1,000 men, 3.5 km, the U.S. army, e.g. this"),
    ],
)

_SPACE_BEFORE_NOT_AFTER_STOP = regex.compile(rf"(?<=\p{{Ll}}[”’\")\]]?){SPACE}+\.(?=\p{{Lu}}\p{{Ll}})")


def _space_on_wrong_side(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    """Flag `army .The next`: a sentence's full stop with the space on its wrong side, or a dotted name (`.Net`)."""
    for match in _SPACE_BEFORE_NOT_AFTER_STOP.finditer(text):
        message = "space before a full stop and none after it: a new sentence, or a name like .Net?"
        yield rule.flag(match.start(), match.end(), message, (". ",))


SP005 = Rule(
    "SP005",
    "a space before a full stop and none after it (`army .The next`): check which side it belongs",
    FLAG,
    _space_on_wrong_side,
    (
        RuleExample("by the army .The next day", found=True),
        RuleExample("the .NET code, .wav files and .au audio. The end .", found=False),
    ),
)

_MARK_STRENGTH = {".": 3, ";": 2, ":": 1, ",": 0}


def _doubled_punctuation(match: regex.Match) -> str | None:
    """Keep the strongest of the marks; leave ellipses, '::' and abbreviation stops like 'etc.,'."""
    run = match.group()
    marks = run.replace(" ", "").replace("\t", "")
    if ".." in marks and len(marks) > 2 or "::" in marks or run in (".,", ".;", ".:"):
        return None
    return max(marks, key=lambda mark: _MARK_STRENGTH[mark])


PU001 = regex_rule(
    "PU001",
    "doubled punctuation reduced to one mark",
    SAFE,
    rf"(?<=[\p{{L}}\p{{N}})\]”’\"])[.,;:](?:{SPACE}*[.,;:])+(?=[\s”’\")\]]|\Z)",
    _doubled_punctuation,
    [
        RuleExample("in late 2017. .", "in late 2017."),
        RuleExample("Iraq,, Syria", "Iraq, Syria"),
        RuleExample("the end. , then", "the end. then"),
        RuleExample("and then... nothing, etc., and so on?!", "and then... nothing, etc., and so on?!"),
        RuleExample("the year..blah, [ar.'ma:.da]", "the year..blah, [ar.'ma:.da]"),
    ],
)

AR001 = regex_rule(
    "AR001",
    "no space after the Arabic article al-",
    SAFE,
    rf"{NOT_IN_WORD}([Aa]l)-{SPACE}+(?=\p{{L}})",
    r"\1-",
    [RuleExample("the areas of Al- Baaj", "the areas of Al-Baaj"), RuleExample("Al - Baaj", "Al - Baaj")],
)

AR002 = regex_rule(
    "AR002",
    "the Arabic article joined with a hyphen",
    SAFE,
    rf"{NOT_IN_WORD}([Aa]l)(?=\p{{Lu}}\p{{Ll}})",
    r"\1-",
    [
        RuleExample("the alBadya desert", "the al-Badya desert"),
        RuleExample("Alabama, Albert, Algeria, All, ALBADYA", "Alabama, Albert, Algeria, All, ALBADYA"),
    ],
)


def _article_case(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for match in regex.finditer(rf"{NOT_IN_WORD}(Al|al)-(?=\p{{L}})", text):
        start = match.start()
        word = regex.match(r"[\p{L}\p{M}'’\-]+", text, pos=start).group()
        if word in context.known_forms:
            continue
        at_start = sentence_start(text, start)
        if at_start is None and context.arabic_article != "capital":
            continue  # a line that may continue the one before, or follow a title: either case can be right
        wanted = "Al" if context.arabic_article == "capital" or at_start else "al"
        if match.group(1) != wanted:
            yield rule.edit(start, start + 2, wanted)


AR003 = Rule(
    "AR003",
    "Arabic article: al- inside a sentence, Al- at its start (house style)",
    SAFE,
    _article_case,
    (
        RuleExample("linked to the areas of Al-Baaj and", "linked to the areas of al-Baaj and"),
        RuleExample("al-Baaj is open. al-Hadher too.", "Al-Baaj is open. Al-Hadher too."),
        RuleExample("Al-Baaj is open, and so is al-Hadher.", "Al-Baaj is open, and so is al-Hadher."),
        RuleExample(
            "# Al-Baaj after the war\n- Al-Baaj is open.\n> Al-Qaim was retaken.\n| Al-Qaim |",
            "# Al-Baaj after the war\n- Al-Baaj is open.\n> Al-Qaim was retaken.\n| Al-Qaim |",
        ),
        RuleExample(
            "The war ended.\nal-Hadher is open.\n\nal-Qaim too.", "The war ended.\nAl-Hadher is open.\n\nAl-Qaim too."
        ),
        # A line after one that runs on may continue its sentence (hard-wrapped) or follow a title: left alone.
        RuleExample(
            "the areas of\nal-Hadher, and\nAl-Qaim\n> near\n> Al-Baaj",
            "the areas of\nal-Hadher, and\nAl-Qaim\n> near\n> Al-Baaj",
        ),
    ),
)

_ARTICLE = regex.compile(
    rf"{NOT_IN_WORD}(?P<article>an|a|An|A)(?P<space>{SPACE}+)(?P<quote>[“\"‘(]?)"
    rf"(?P<word>[\p{{L}}\p{{N}}][\p{{L}}\p{{M}}\p{{N}}'’\-]*)"
)


def _article_agreement(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for match in _ARTICLE.finditer(text):
        article = match.group("article")
        if article[0] == "A" and not sentence_start(text, match.start()):
            continue  # a capital A mid-sentence is a letter ("grade A"), not an article; on a line that may run on, unsure
        word = match.group("word")
        if word.lower() in NOT_AFTER_ARTICLE or _in_capitals_line(text, match.start()):
            continue  # "army a in late 2017": a stray letter, not an article; left for the grammar checker
        wanted = context.articles.get(fold(word)) or article_for(word)
        if wanted is None or wanted == article.lower():
            continue
        replacement = wanted if article[0] == "a" else wanted.capitalize()
        yield rule.edit(match.start("article"), match.end("article"), replacement)


def _in_capitals_line(text: str, pos: int) -> bool:
    """Whether `pos` is in a line written all in capitals (a headline), where a/an cannot be told."""
    start, end = line_bounds(text, pos)
    return not any(c.islower() for c in text[start:end])


AA001 = Rule(
    "AA001",
    "a/an by how the next word is spoken",
    SAFE,
    _article_agreement,
    (
        RuleExample("posed by a “ISIS organization”", "posed by an “ISIS organization”"),
        RuleExample("an SDF unit, an FBI agent, a US report, a UN team, a UNESCO site"),
        RuleExample("a hour, an unit", "an hour, a unit"),
        RuleExample("type A blood", "type A blood"),
        RuleExample("by the Iraqi army a in late 2017", "by the Iraqi army a in late 2017"),
        RuleExample("A NEW OFFENSIVE IN ANBAR", "A NEW OFFENSIVE IN ANBAR"),
        RuleExample(
            "a SDF-held town, a FBI-led raid, an NGO-run camp, a MP-led committee",
            "an SDF-held town, an FBI-led raid, an NGO-run camp, an MP-led committee",
        ),
        RuleExample("- A SDF patrol\nThe war ended.\nA SDF patrol", "- An SDF patrol\nThe war ended.\nAn SDF patrol"),
        RuleExample("posed by\nA SDF patrol", "posed by\nA SDF patrol"),
        RuleExample(
            "a well-known man, a one-off, a U-turn, an X-ray", "a well-known man, a one-off, a U-turn, an X-ray"
        ),
    ),
)

_REPEATED = regex.compile(rf"{NOT_IN_WORD}(?P<word>\p{{L}}+)(?P<gap>{SPACE}+(?P=word)){END_OF_WORD}", regex.IGNORECASE)


def _never_grammatical_double(match: regex.Match) -> bool:
    """Whether a doubled word is a slip: a function word written twice alike ("the the", "THE THE"), or
    capitalised only at a sentence start ("The the"). "type A a month", "The The" (a name) are not."""
    first, second = match.group("word"), match.group("gap").lstrip(" \t")
    if first.lower() not in DOUBLED_FUNCTION_WORDS:
        return False
    if first == second:
        return first.islower() or first.isupper() and len(first) > 1
    return second.islower() and first == second.capitalize() and bool(sentence_start(match.string, match.start()))


def _doubled_function_words(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for match in _REPEATED.finditer(text):
        if _never_grammatical_double(match):
            yield rule.edit(match.start("gap"), match.end("gap"), "")


def _repeated_words(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for match in _REPEATED.finditer(text):
        if not _never_grammatical_double(match):
            word = match.group("word")
            yield rule.flag(match.start(), match.end(), f"repeated word “{word}”: check that it is meant")


RW001 = Rule(
    "RW001",
    "a doubled function word (“the the”) written once",
    SAFE,
    _doubled_function_words,
    (
        RuleExample("in the the city", "in the city"),
        RuleExample("the army and and the police", "the army and the police"),
        RuleExample("he had had enough", "he had had enough"),
        RuleExample(
            "gave her her share, gave in in the end, carried on on his own, would approve of of course",
            "gave her her share, gave in in the end, carried on on his own, would approve of of course",
        ),
        RuleExample("The the city. AND AND", "The city. AND"),
        RuleExample(
            "He got an A a year ago, like The The. My my, the A A",
            "He got an A a year ago, like The The. My my, the A A",
        ),
    ),
)
RW002 = Rule(
    "RW002",
    "a repeated word: check that it is meant",
    FLAG,
    _repeated_words,
    (
        RuleExample("the army army moved", found=True),
        RuleExample("he gave in in the end", found=True),
        RuleExample("type A a month later", found=True),
        RuleExample("in the the city", found=False),
    ),
)

# Words before which the comma after a cut repeat goes on a list or a clause ("the SDF, the army", ", which").
LIST_OR_CLAUSE_GOES_ON = frozenset(
    "which who whom whose where when the a an its their his her our this these those".split()
)
LAST_ITEM = frozenset(("and", "or", "nor"))
# Finite verbs that can only follow a subject: before them the comma closed an apposition (`the SDF, SDF, said`).
PREDICATE_STARTS = frozenset(
    "is are was were has have had will would can could may might must shall should do does did said says told".split()
)
# A repeat to cut: its start and end, the end of the comma after it (None: no comma of its own), and
# whether that comma stays (None: cannot tell).
Repeat = tuple[int, int, int | None, bool | None]


def _comma_stays(next_word: str, in_list: bool) -> bool | None:
    """Whether the comma after a cut repeat stays: before a list's last item only in a longer list; before
    `which`, a determiner, a capital or a number always; before `said`, `is` never. None before other words:
    `, also said` would drop it, `, however,` and `, local militias and` keep it."""
    if next_word in LAST_ITEM:
        return in_list
    if next_word in PREDICATE_STARTS:
        return False
    if not next_word or next_word in LIST_OR_CLAUSE_GOES_ON or not next_word[0].islower():
        return True
    return None


def _cut(rule: Rule, repeat: Repeat) -> Edit:
    """The edit that cuts a repeat, and the spaces and comma after it unless the comma stays."""
    start, end, comma_end, stays = repeat
    return rule.edit(start, end, "") if comma_end is None else rule.edit(start, comma_end, "," if stays else "")


_ABBREVIATION_REPEAT = regex.compile(
    rf"(?<=\((?P<abbr>[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}.'’\-]*)\))(?P<cut>{SPACE}*,{SPACE}*(?P=abbr){SPACE}*),"
    rf"(?={SPACE}*(?P<next>\p{{L}}*))"
)


def _abbreviation_repeats(text: str) -> Iterator[Repeat]:
    """`Forces (SDF), SDF,`: the comma before `and` is the writer's own and stays."""
    for match in _ABBREVIATION_REPEAT.finditer(text):
        yield match.start("cut"), match.end("cut"), match.end(), _comma_stays(match.group("next"), in_list=True)


def _repeated_abbreviation(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for repeat in _abbreviation_repeats(text):
        if repeat[3] is not None:
            yield _cut(rule, repeat)


AP001 = Rule(
    "AP001",
    "an abbreviation repeated right after its own parenthesis",
    SAFE,
    _repeated_abbreviation,
    (
        RuleExample("Syrian Democratic Forces (SDF), SDF, and", "Syrian Democratic Forces (SDF), and"),
        RuleExample("Forces (SDF) , SDF , and", "Forces (SDF), and"),
        RuleExample("Forces (SDF), SDF, which", "Forces (SDF), which"),
        RuleExample("Forces (SDF), SDF, the army and ISIS", "Forces (SDF), the army and ISIS"),
        RuleExample("the SDF (SDF), SDA, and", "the SDF (SDF), SDA, and"),
        RuleExample(
            "the Syrian Democratic Forces (SDF), SDF, said that", "the Syrian Democratic Forces (SDF) said that"
        ),
        RuleExample("Forces (SDF), SDF, however, said that", "Forces (SDF), SDF, however, said that"),  # AP003's
    ),
)

# A list item, or a parenthesis, that repeats the name just before it: "the SDF, SDF and", "ISIS (ISIS)".
_REPEATED_ITEM = regex.compile(
    rf"{NOT_IN_WORD}(?P<item>\p{{L}}[\p{{L}}\p{{M}}\p{{N}}'’\-]*(?:{SPACE}+\p{{L}}[\p{{L}}\p{{M}}\p{{N}}'’\-]*){{0,4}})"
    rf"(?P<cut>{SPACE}*(?:,{SPACE}*(?:(?:and|or){SPACE}+)?|\({SPACE}*)(?P=item)(?:{SPACE}*\))?)"
    rf"(?:{SPACE}*(?P<comma>,)(?={SPACE}*(?P<next>\p{{L}}*)))?{END_OF_WORD}"
)
_LIST_BEFORE = regex.compile(rf",{SPACE}*(?:(?:the|a|an){SPACE}+)?\Z")


def _list_repeats(text: str, context: Context) -> Iterator[Repeat]:
    """A glossary preferred form repeated right after itself, as normalization leaves it (`the SDF, Qasad and`
    → `the SDF, SDF and`); a comma after a parenthesis is the writer's own."""
    for match in _REPEATED_ITEM.finditer(text, overlapped=True):
        if match.group("item") not in context.normalized_forms:
            continue
        cut = match.group("cut")
        in_parenthesis = cut.lstrip(" \t").startswith("(")
        if in_parenthesis != cut.rstrip(" \t").endswith(")"):
            continue  # a parenthesis must open and close around the repeat
        if in_parenthesis or not match.group("comma"):
            yield match.start("cut"), match.end("cut"), None, True
            continue
        in_list = bool(_LIST_BEFORE.search(text, max(0, match.start() - 8), match.start()))
        yield match.start("cut"), match.end("cut"), match.end("comma"), _comma_stays(match.group("next"), in_list)


def _repeated_list_items(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for repeat in _list_repeats(text, context):
        if repeat[3] is not None:
            yield _cut(rule, repeat)


AP002 = Rule(
    "AP002",
    "a name repeated right after itself in a list or a parenthesis (left by normalization) written once",
    SAFE,
    _repeated_list_items,
    (
        RuleExample("the SDF, SDF and the coalition", "the SDF and the coalition"),
        RuleExample("the SDF, SDF, and the coalition", "the SDF and the coalition"),
        RuleExample("ISIS, the SDF, SDF, and the army", "ISIS, the SDF, and the army"),
        RuleExample(
            "the SDF, SDF, the army and ISIS, SDF, SDF, Iraqi forces", "the SDF, the army and ISIS, SDF, Iraqi forces"
        ),
        RuleExample("the SDF, SDF, which", "the SDF, which"),
        RuleExample("ISIS (ISIS) and al-Badia, al-Badia", "ISIS and al-Badia"),
        RuleExample("the SDF (SDF), the army", "the SDF, the army"),
        RuleExample("New York, New York, and the SDF, the army", "New York, New York, and the SDF, the army"),
        RuleExample("the SDF, SDFs and ISIS, ISIS-held towns", "the SDF, SDFs and ISIS, ISIS-held towns"),
        RuleExample("the SDF, SDF, is limited", "the SDF is limited"),
        RuleExample(
            "the SDF, SDF, local militias and the army", "the SDF, SDF, local militias and the army"
        ),  # AP003's
    ),
    example_context=Context(
        normalized_forms=frozenset({"SDF", "ISIS", "al-Badia"}), known_forms=frozenset({"New York"})
    ),
)


def _unsure_repeats(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for repeat in (*_abbreviation_repeats(text), *_list_repeats(text, context)):
        if repeat[3] is None:
            yield _cut(rule, repeat[:3] + (False,))


AP003 = Rule(
    "AP003",
    "a repeated name whose comma may close an apposition (`the SDF, SDF, also said`) or not (`the SDF, SDF, "
    "however,`): check before it is cut",
    UNSAFE,
    _unsure_repeats,
    (
        RuleExample(
            "the SDF, SDF, also said that, and Forces (SDF), SDF, fought",
            "the SDF also said that, and Forces (SDF) fought",
        ),
        RuleExample("the SDF, SDF, the army and Forces (SDF), SDF, which, and the SDF, SDF, said", found=False),
    ),
    example_context=Context(normalized_forms=frozenset({"SDF"})),
)


def _lowercase_start(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for start, end in paragraphs(text, context.markdown):
        word = regex.match(r"\s*(?P<w>[\p{L}\p{M}'’\-]+)", text, pos=start, endpos=end)
        if word is None:
            continue
        first = word.group("w")
        if first[0].islower() and not any(c.isupper() for c in first[1:]) and first not in context.known_forms:
            suggestion = first[0].upper() + first[1:]
            yield rule.flag(word.start("w"), word.end("w"), "paragraph starts with a lowercase letter", (suggestion,))


PA001 = Rule(
    "PA001",
    "a paragraph should start with a capital letter",
    FLAG,
    _lowercase_start,
    (RuleExample("and he noted that", found=True), RuleExample("iPhone sales rose.", None)),
)

_SENTENCE_BREAK = regex.compile(r"[.!?][”’\"')]*[ \t]+[“\"‘(]?\p{Lu}")
PROSE_MIN_WORDS = 12


def _unterminated(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for start, end in paragraphs(text, context.markdown):
        body = text[start:end].rstrip()
        if not body or (context.markdown and body.lstrip().startswith(("#", "|", ">", "-", "*", "<"))):
            continue  # Markdown headings, tables, quotes and lists are not prose paragraphs
        is_prose = len(body.split()) >= PROSE_MIN_WORDS or _SENTENCE_BREAK.search(body)
        if is_prose and not regex.search(r"[.!?…:;][”’\"')\]]*\Z", body):
            last = start + len(body)
            yield rule.flag(last - 1, last, "prose paragraph ends without terminal punctuation")


PA002 = Rule(
    "PA002",
    "a prose paragraph should end with terminal punctuation",
    FLAG,
    _unterminated,
    (
        RuleExample(
            "the desert of Anbar province, the Hamrin mountain range and Makhoul, and the border line", found=True
        ),
        RuleExample("Rawabet Center for Research and Strategic Studies", None),
    ),
)

BUILT_IN: tuple[Rule, ...] = (
    SP001,
    SP002,
    SP003,
    SP004,
    SP005,
    PU001,
    AR001,
    AR002,
    AR003,
    AA001,
    RW001,
    RW002,
    AP001,
    AP002,
    AP003,
    PA001,
    PA002,
)
