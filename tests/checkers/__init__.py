"""Tests of cleanup/checkers/."""
