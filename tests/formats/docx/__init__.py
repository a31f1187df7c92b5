"""Tests of cleanup/formats/docx/."""
