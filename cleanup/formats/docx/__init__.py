"""Word documents (.docx): the text of every paragraph in, the corrected edition out as tracked changes."""

from .package import DocxError
from .revisions import write_docx
from .text import read_docx

__all__ = ["DocxError", "read_docx", "write_docx"]
