"""Where a run reads and writes when no path is given, and what it reads (named here so that the help can say so
cheaply)."""

from ..formats.registry import FORMATS

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "corrected"
GLOSSARY_FOLDER = "glossary"  # the house glossary, here or in the project folder above
DOCX_MODES = ("review", "clean")  # Word output: tracked changes with comments, or the changes made
# NAME.ar.txt beside NAME.txt is its Arabic source (.ar.md and .ar.docx too).
SOURCE_SUFFIXES = tuple(".ar" + suffix for form in FORMATS if form.sources for suffix in form.suffixes)


def listed_files(conjunction: str) -> str:
    """The files a run reads, as a listing says them: `.txt, .md, … or .htm files or WordPress exports (.xml)`."""
    suffixes = [suffix for form in FORMATS if not form.files for suffix in form.suffixes]
    named = [f"{form.files}s ({', '.join(form.suffixes)})" for form in FORMATS if form.files]
    return f"{', '.join(suffixes[:-1])} {conjunction} {suffixes[-1]} files" + "".join(
        f" {conjunction} {files}" for files in named
    )
