"""Tests of cleanup/cli/."""
