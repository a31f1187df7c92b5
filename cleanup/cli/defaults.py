"""Where a run reads and writes when no path is given, and what it reads (named here so that the help can say so
cheaply)."""

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "corrected"
GLOSSARY_FOLDER = "glossary"  # the house glossary, here or in the project folder above
DOCX_SUFFIX = ".docx"
BILINGUAL_SUFFIXES = (".xlf", ".xliff", ".tmx")  # the English targets and their Arabic sources in one file
HTML_SUFFIXES = (".html", ".htm")  # web pages: the text of their blocks, markup kept byte for byte
WXR_SUFFIX = ".xml"  # a WordPress export: its posts' titles and bodies
# Files that are not text: read and written by formats/.
FORMATTED_SUFFIXES = (DOCX_SUFFIX, *BILINGUAL_SUFFIXES, *HTML_SUFFIXES, WXR_SUFFIX)
ARTICLE_SUFFIXES = (".txt", ".md", *FORMATTED_SUFFIXES)  # the files a folder is searched for
DOCX_MODES = ("review", "clean")  # Word output: tracked changes with comments, or the changes made
SOURCE_SUFFIXES = (".ar.txt", ".ar.md", ".ar.docx")  # NAME.ar.txt beside NAME.txt is its Arabic source
