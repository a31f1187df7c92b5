"""The glossary: terms and their matcher, loading and validating glossary files, mentions and names,
and the tools that check, extend and grow it."""
