"""Tests of cleanup/outputs/."""
