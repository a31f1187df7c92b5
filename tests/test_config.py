"""Settings read from cleanup.toml or pyproject.toml: paths relative to the file, keys checked."""

import pytest

from cleanup.config import ConfigError, parse_config


def test_config_paths_are_relative_to_the_file_and_keys_are_checked():
    config = parse_config("../proj/cleanup.toml", 'out = "edition"\nglossary = ["g/a.yaml", "/abs/b.yaml"]\n')
    assert (config.out, config.glossary, config.path) == (
        "../proj/edition",
        ("../proj/g/a.yaml", "/abs/b.yaml"),
        "../proj/cleanup.toml",
    )
    assert parse_config("pyproject.toml", '[project]\nname = "x"\n') is None
    with pytest.raises(ConfigError, match=r"cleanup.toml:2:1: settings: unknown key 'selct'; did you mean 'select'\?"):
        parse_config("cleanup.toml", '\nselct = ["SP"]\n')
