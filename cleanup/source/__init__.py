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
# What each check looks at, in detail (its page in `cleanup rules ID` and the documentation).
SOURCE_DOCS = {
    "SRC001": "a number in the source paragraph that its English lacks, flagged on the English paragraph with the "
    "number's span in the source; numbers are compared as values (Arabic-Indic, Persian and fullwidth digits, "
    "thousands and decimal separators, million/مليون multipliers, number words standing for digits)",
    "SRC002": "a number in the English that its source paragraph lacks, compared as SRC001 compares them",
    "SRC003": "a glossary term whose Arabic form is in the source paragraph while the English has neither its "
    "preferred form nor a variant (the Arabic read with its clitics, diacritics, tatweel and letter variants)",
    "SRC004": "a glossary term in the English none of whose Arabic forms is in the source paragraph; a note, as the "
    "source often says it with a pronoun or a paraphrase",
    "SRC005": "Arabic script left in the English",
    "SRC006": "an English paragraph that is its source, untranslated",
    "SRC007": "a source paragraph with no translation (flagged where it would go), or an English paragraph with no "
    "source",
}
SOURCE_WHY = (
    "A translation that drops or changes a number, a name or a paragraph of its source is wrong in a way no "
    "check of the English alone can see; the Arabic beside it shows it."
)
