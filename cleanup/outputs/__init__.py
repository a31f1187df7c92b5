"""What a run produces from outcomes: check reports (text, JSON, GitHub, SARIF), the change log and
review report, the review page, diffs, terminal output and rule documentation."""

FORMATS = ("text", "json", "github", "sarif")  # of `check` reports
