"""Tests of cleanup/glossary/."""
