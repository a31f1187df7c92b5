"""Where a run reads and writes when no path is given (named here so that the help can say so cheaply)."""

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "corrected"
GLOSSARY_FOLDER = "glossary"  # the house glossary, here or in the project folder above
