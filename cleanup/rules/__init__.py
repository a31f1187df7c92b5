"""The built-in rules, one module per kind (as Vale keeps one file per check kind); `registry`
lists them all. `base` holds the `Rule` type and the pieces the rules share."""
