"""Tests of cleanup/formats/."""
