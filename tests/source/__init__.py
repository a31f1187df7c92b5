"""Tests of cleanup/source/."""
