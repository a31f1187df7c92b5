"""Built-in house-style rules for the mechanical damage translations arrive with."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .articles import article_for
from .glossary import fold
from .model import Safety, line_bounds
from .rules import Context, Finding, Rule, RuleExample, paragraphs, regex_rule
from .text import sentence_start

SPACE = r"[ \t]"
NOT_IN_WORD = r"(?<![\p{L}\p{M}\p{N}'’‘ʼ\-])"
END_OF_WORD = r"(?![\p{L}\p{M}\p{N}]|['’‘ʼ\-][\p{L}\p{N}])"
SAFE, UNSAFE, FLAG = Safety.SAFE, Safety.UNSAFE, Safety.FLAG
# Words whose doubling is never grammatical ("the the"). Not prepositions, which a verb can end with before
# a phrase that starts with the same one ("gave in in the end", "carried on on his own", "came to to find",
# "approve of of course"), nor "her" ("gave her her share"), "that", "had", "is", "my" ("my my"): RW002 flags those.
DOUBLED_FUNCTION_WORDS = frozenset("a an the and or but nor its their his our your".split())
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
        yield rule.flag(match.start(), match.end(), "space before a full stop and none after it: a new sentence, or a name like .Net?", (". ",))


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
        RuleExample("# Al-Baaj after the war\n- Al-Baaj is open.\n> Al-Qaim was retaken.\n| Al-Qaim |",
                    "# Al-Baaj after the war\n- Al-Baaj is open.\n> Al-Qaim was retaken.\n| Al-Qaim |"),
        RuleExample("The war ended.\nal-Hadher is open.\n\nal-Qaim too.", "The war ended.\nAl-Hadher is open.\n\nAl-Qaim too."),
        # A line after one that runs on may continue its sentence (hard-wrapped) or follow a title: left alone.
        RuleExample("the areas of\nal-Hadher, and\nAl-Qaim\n> near\n> Al-Baaj", "the areas of\nal-Hadher, and\nAl-Qaim\n> near\n> Al-Baaj"),
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
        RuleExample("a SDF-held town, a FBI-led raid, an NGO-run camp, a MP-led committee",
                    "an SDF-held town, an FBI-led raid, an NGO-run camp, an MP-led committee"),
        RuleExample("- A SDF patrol\nThe war ended.\nA SDF patrol", "- An SDF patrol\nThe war ended.\nAn SDF patrol"),
        RuleExample("posed by\nA SDF patrol", "posed by\nA SDF patrol"),
        RuleExample("a well-known man, a one-off, a U-turn, an X-ray", "a well-known man, a one-off, a U-turn, an X-ray"),
    ),
)

_REPEATED = regex.compile(
    rf"{NOT_IN_WORD}(?P<word>\p{{L}}+)(?P<gap>{SPACE}+(?P=word)){END_OF_WORD}", regex.IGNORECASE
)


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
        RuleExample("gave her her share, gave in in the end, carried on on his own, would approve of of course",
                    "gave her her share, gave in in the end, carried on on his own, would approve of of course"),
        RuleExample("The the city. AND AND", "The city. AND"),
        RuleExample("He got an A a year ago, like The The. My my, the A A", "He got an A a year ago, like The The. My my, the A A"),
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

# After a repeat is cut, the comma that followed it stays before these (a list's "and", a relative clause).
KEEP_COMMA_BEFORE = frozenset("and or nor which who whom whose where when".split())


def _without_repeat(match: regex.Match) -> str:
    """Cut the repeat; keep the comma after it only where the sentence needs one (", and", ", which")."""
    return "," if match.group("next").lower() in KEEP_COMMA_BEFORE else ""


AP001 = regex_rule(
    "AP001",
    "an abbreviation repeated right after its own parenthesis",
    SAFE,
    rf"(?<=\((?P<abbr>[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}.'’\-]*)\)){SPACE}*,{SPACE}*(?P=abbr){SPACE}*,(?={SPACE}*(?P<next>\p{{L}}*))",
    _without_repeat,
    [
        RuleExample("Syrian Democratic Forces (SDF), SDF, and", "Syrian Democratic Forces (SDF), and"),
        RuleExample("Forces (SDF) , SDF , and", "Forces (SDF), and"),
        RuleExample("the Syrian Democratic Forces (SDF), SDF, said that", "the Syrian Democratic Forces (SDF) said that"),
        RuleExample("Forces (SDF), SDF, which", "Forces (SDF), which"),
        RuleExample("the SDF (SDF), SDA, and", "the SDF (SDF), SDA, and"),
    ],
)

# A list item, or a parenthesis, that repeats the name just before it: "the SDF, SDF and", "ISIS (ISIS)".
_REPEATED_ITEM = regex.compile(
    rf"{NOT_IN_WORD}(?P<item>\p{{L}}[\p{{L}}\p{{M}}\p{{N}}'’\-]*(?:{SPACE}+\p{{L}}[\p{{L}}\p{{M}}\p{{N}}'’\-]*){{0,4}})"
    rf"(?P<cut>{SPACE}*(?:,{SPACE}*(?:(?:and|or){SPACE}+)?|\({SPACE}*)(?P=item)(?:{SPACE}*\))?)"
    rf"(?:{SPACE}*(?P<comma>,)(?={SPACE}*(?P<next>\p{{L}}*)))?{END_OF_WORD}"
)
_LIST_BEFORE = regex.compile(rf",{SPACE}*(?:(?:the|a|an){SPACE}+)?\Z")


def _repeated_list_items(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    """Remove a glossary preferred form repeated right after itself in a list or a parenthesis.
    Normalization makes these (`the SDF, Qasad and` → `the SDF, SDF and`); a repeat of other words,
    names included (`New York, New York`), is left alone. The comma after the repeat goes with it,
    except in a list (`ISIS, SDF, SDF, and`) or before `and`, `which` and the like."""
    for match in _REPEATED_ITEM.finditer(text, overlapped=True):
        if match.group("item") not in context.normalized_forms:
            continue
        cut = match.group("cut")
        if cut.lstrip(" \t").startswith("(") != cut.rstrip(" \t").endswith(")"):
            continue  # a parenthesis must open and close around the repeat
        end = match.end("cut")
        in_list = _LIST_BEFORE.search(text, max(0, match.start() - 8), match.start())
        if match.group("comma") and not in_list and match.group("next").lower() not in KEEP_COMMA_BEFORE - {"and", "or"}:
            end = match.end("comma")
        yield rule.edit(match.start("cut"), end, "")


AP002 = Rule(
    "AP002",
    "a name repeated right after itself in a list or a parenthesis (left by normalization) written once",
    SAFE,
    _repeated_list_items,
    (
        RuleExample("the SDF, SDF and the coalition", "the SDF and the coalition"),
        RuleExample("the SDF, SDF, and the coalition", "the SDF and the coalition"),
        RuleExample("ISIS, the SDF, SDF, and the army", "ISIS, the SDF, and the army"),
        RuleExample("the SDF, SDF, is limited; ISIS, SDF, SDF, the army", "the SDF is limited; ISIS, SDF, the army"),
        RuleExample("the SDF, SDF, which", "the SDF, which"),
        RuleExample("ISIS (ISIS) and al-Badia, al-Badia", "ISIS and al-Badia"),
        RuleExample("New York, New York, and the SDF, the army", "New York, New York, and the SDF, the army"),
        RuleExample("the SDF, SDFs and ISIS, ISIS-held towns", "the SDF, SDFs and ISIS, ISIS-held towns"),
    ),
    example_context=Context(normalized_forms=frozenset({"SDF", "ISIS", "al-Badia"}), known_forms=frozenset({"New York"})),
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
        RuleExample("the desert of Anbar province, the Hamrin mountain range and Makhoul, and the border line", found=True),
        RuleExample("Rawabet Center for Research and Strategic Studies", None),
    ),
)

BUILT_IN: tuple[Rule, ...] = (
    SP001, SP002, SP003, SP004, SP005, PU001, AR001, AR002, AR003, AA001, RW001, RW002, AP001, AP002, PA001, PA002
)
