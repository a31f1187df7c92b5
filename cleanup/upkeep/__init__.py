"""The glossary's upkeep behind `cleanup glossary …`: checking it, adding to it and growing it from an
archive, apart from what `fix` runs."""
