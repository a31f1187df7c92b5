"""Tests of cleanup/rules/."""
