"""What a run produces from outcomes: check reports (`reports/`, one module a format), the change log and
review report, the review page, diffs, terminal output and rule documentation."""
