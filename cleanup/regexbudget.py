"""How large a pattern may grow when compiled: nested counted repeats multiply (`(?:(?:a{1000}){1000}){1000}`
asks for a billion copies), so their product is bounded before the pattern is ever compiled."""

from __future__ import annotations

import regex

MAX_REPEAT_PRODUCT = 100_000
_COUNTED = regex.compile(r"\{(\d*)(?:,(\d*))?\}")


def repeat_product(pattern: str) -> int:
    """The largest product of nested counted repeats (`{n}`, `{m,n}`) in `pattern`; 1 when there are none."""
    stack = [1]  # the largest product inside each open group
    last = 1  # the product inside the atom just read (a closed group's, or 1)
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i, last = i + 2, 1
            continue
        if char == "[":
            i, last = _class_end(pattern, i), 1
            continue
        if char == "(":
            stack.append(1)
        elif char == ")" and len(stack) > 1:
            last = stack.pop()
            stack[-1] = max(stack[-1], last)
        elif char == "{" and (counted := _COUNTED.match(pattern, i)) and (counted.group(1) or counted.group(2)):
            high = counted.group(2) if counted.group(2) else counted.group(1)
            stack[-1] = max(stack[-1], last * int(high or 0))
            i, last = counted.end(), 1
            continue
        else:
            last = 1
        i += 1
    return max(stack)


def _class_end(pattern: str, start: int) -> int:
    """The index just past the character class that opens at `start` (`[...]`, `[^]...]`, escapes inside)."""
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1
