"""The Arabic source read beside the English: its paragraphs aligned with the translation's, and checks
of the translation against it (numbers, glossary terms, untranslated text)."""

# The checks against the source: one id each, flags only (category "source").
SOURCE_RULES = {
    "SRC001": "a number in the source is missing from the translation",
    "SRC002": "a number in the translation is not in the source",
    "SRC003": "a glossary term in the source is missing from the translation",
    "SRC004": "a glossary term in the translation is not in the source",
    "SRC005": "Arabic script left in the translation",
    "SRC006": "a paragraph left untranslated (the same as its source)",
    "SRC007": "a source paragraph with no translation, or a translated paragraph with no source",
}
