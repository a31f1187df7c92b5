"""Formats other than plain text: each reader gives the pipeline a Document (its text, and the spans no rule
may edit) and each writer puts an outcome back into the format; the pipeline never sees the format."""
