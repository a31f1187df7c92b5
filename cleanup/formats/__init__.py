"""Formats other than plain text: each reader gives the pipeline a Document (its text, and the spans no rule
may edit) and each writer puts an outcome back into the format; the pipeline never sees the format.
`registry` lists them; `FormatError` is what every format raises for a file it cannot read or write."""


class FormatError(Exception):
    """A file that cannot be read or written in its format; the message says why and what to do."""
