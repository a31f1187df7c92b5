"""The version of cleanup, in one place: the package, the reports and pyproject.toml read it here."""

VERSION = "0.1.0"
