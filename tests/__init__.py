"""The tests, laid out like the package (see docs/development.md); a package so that helpers import as tests.NAME."""
