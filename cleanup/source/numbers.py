"""Numbers as values, written in Western, Arabic-Indic, Persian or fullwidth digits with the separators of
either script (a decimal comma too), with a multiplier (million, مليون, bn), or in English words (one to
ninety-nine); read through `folding`, so a direction mark or joiner inside a number is no break."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from .folding import fold

MULTIPLIERS = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "bn": 1_000_000_000,
    "mn": 1_000_000,
    "مئة": 100,
    "مائة": 100,
    "ألف": 1_000,
    "آلاف": 1_000,
    "الف": 1_000,
    "مليون": 1_000_000,
    "ملايين": 1_000_000,
    "مليار": 1_000_000_000,
    "مليارات": 1_000_000_000,
}
CURRENCY_SUFFIXES = {"m": 1_000_000, "k": 1_000}  # only right after a currency amount: "£125m"
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_D = "0-9٠-٩۰-۹"
# Between groups of three digits: commas of either script, and the spaces that do not break a line
# (no-break, thin, narrow no-break: "1 234 567" as French-locale Word and SI style write it).
_GROUP = ",٬،\u00a0\u2009\u202f"
GROUP_SEPARATOR = re.compile(f"[{_GROUP}]")
NUMBER = re.compile(
    # A comma before exactly three digits groups thousands; before fewer or more, it is a decimal comma.
    rf"(?<![{_D}A-Za-z.,٫٬])([{_D}]{{1,3}}(?:[{_GROUP}][{_D}]{{3}})+|[{_D}]+)(?:[.٫,]([{_D}]+))?(?![{_D}])"
    r"(?:\s*(" + "|".join(sorted(MULTIPLIERS, key=len, reverse=True)) + r")\b|(m|k)\b)?"
)
# One comma group whose last digit is not 0: thousands, or as likely three decimals after a decimal comma.
ONE_GROUP = re.compile(rf"[{_D}]{{1,3}},[{_D}]{{2}}[1-9١-٩۱-۹]")
# Written in words by one side and often in digits by the other, so never flagged as missing themselves:
# decades (1930s), ordinals (19th), times (04:00, 5.30pm) and fractions (2/3).
WEAK_AFTER = re.compile(rf"s\b|st\b|nd\b|rd\b|th\b|-century|[:/][{_D}]|\s*[ap]\.?m\b", re.IGNORECASE)
WEAK_BEFORE = re.compile(r"[:/]$")
CURRENCY = re.compile(r"[£$€¥]$")
UNITS = "one two three four five six seven eight nine".split()
TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORDS = {w: i + 1 for i, w in enumerate(UNITS)} | {w: i + 10 for i, w in enumerate(TEENS)}
WORDS |= {w: (i + 2) * 10 for i, w in enumerate(TENS)}
NUMBER_WORD = re.compile(
    r"\b(" + "|".join(TENS) + r")[\s-](" + "|".join(UNITS) + r")\b|\b(" + "|".join(WORDS) + r")\b"
    r"(?:[\s-]+(hundred|thousand|million|billion)\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Number:
    """A number found in a text: its span, the values it may stand for (the first is how it reads; then the
    value without its multiplier, and for "76.000" the thousands reading), and whether it is weak."""

    start: int
    end: int
    values: tuple[str, ...]
    weak: bool = False

    @property
    def value(self) -> str:
        return self.values[0]


def numbers(text: str, words: bool = False) -> list[Number]:
    """The numbers in `text` (and the English number words when `words`), in order; spans into `text`."""
    folded = fold(text)
    found = [_number(folded.text, m) for m in NUMBER.finditer(folded.text)]
    if words:
        found += [_word_number(m) for m in NUMBER_WORD.finditer(folded.text)]
    as_written = [replace(n, start=a, end=b) for n in found for a, b in [folded.span(n.start, n.end)]]
    return sorted(as_written, key=lambda n: n.start)


def _number(text: str, match: re.Match[str]) -> Number:
    whole, fraction, multiplier, suffix = match.groups()
    scale = MULTIPLIERS.get((multiplier or "").lower(), 1)
    if suffix and CURRENCY.search(text, max(0, match.start() - 2), match.start()):
        scale = CURRENCY_SUFFIXES[suffix.lower()]
    base = _decimal(whole, fraction)
    values = [_text(base * scale), _text(base)]
    if fraction and len(fraction) == 3 and not GROUP_SEPARATOR.search(whole):
        values.append(_text(_decimal(whole + fraction, None) * scale))  # "76.000": a dot between thousands
    elif not fraction and ONE_GROUP.fullmatch(whole):  # "1,234" may be a decimal comma (not "1,500": 1.5)
        point = _decimal(*whole.split(","))
        values += [_text(point * scale), _text(point)]
    end = match.end() if multiplier or suffix else match.end(2) if fraction else match.end(1)
    # The two patterns before a number end at it ($): two characters searched (not the text up to it) say the same.
    weak = bool(WEAK_AFTER.match(text, end) or WEAK_BEFORE.search(text, max(0, match.start() - 2), match.start()))
    return Number(match.start(), match.end(), tuple(dict.fromkeys(values)), weak)


def _word_number(match: re.Match[str]) -> Number:
    tens, unit, single, multiplier = match.groups()
    value = WORDS[tens.lower()] + WORDS[unit.lower()] if tens else WORDS[single.lower()]
    scale = MULTIPLIERS.get((multiplier or "").lower(), 1)
    return Number(match.start(), match.end(), tuple(dict.fromkeys([str(value * scale), str(value)])))


def _decimal(whole: str, fraction: str | None) -> Decimal:
    digits = GROUP_SEPARATOR.sub("", whole).translate(DIGITS)
    return Decimal(digits + ("." + fraction.translate(DIGITS) if fraction else ""))


def _text(value: Decimal) -> str:
    """The canonical string of a value: "1.50" is "1.5", "1500000.0" is "1500000"."""
    return format(value.normalize(), "f")
