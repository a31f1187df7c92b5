"""JSON written in pieces, so a long change log is never held whole: exactly what json.dumps writes."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.outputs.jsonstream import json_pieces


@settings(max_examples=300, deadline=None)
@given(
    value=st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text()
        | st.text(min_size=1).map(lambda t: t * 20_000),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
        max_leaves=12,
    ),
    indent=st.sampled_from([None, 2]),
    lazy=st.booleans(),
)
def test_json_in_pieces_is_exactly_json_dumps(value, indent, lazy):
    streamed = _as_iterators(value) if lazy else value
    assert "".join(json_pieces(streamed, indent)) == json.dumps(value, ensure_ascii=False, indent=indent)


def _as_iterators(value):
    """The same value with every list turned into a one-shot iterator."""
    if isinstance(value, list):
        return iter([_as_iterators(item) for item in value])
    if isinstance(value, dict):
        return {key: _as_iterators(item) for key, item in value.items()}
    return value
