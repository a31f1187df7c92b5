"""One module per command (as pip has), each with a `run_*` handler."""
