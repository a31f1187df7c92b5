"""The glossary: terms and their matcher, reading and validating the terms of glossary files, mentions and
names (its upkeep, behind `cleanup glossary …`, is `upkeep/`)."""
