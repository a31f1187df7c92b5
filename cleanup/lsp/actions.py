"""Code actions on a checked document: apply a change, apply every change, accept a suggestion, add a name
to the glossary, ignore a rule on one line (the `cleanup: ignore` directive)."""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from ..glossary.names import NAME_RULE
from ..outputs.findings import Finding, one_line
from .checking import Checked

ADD_NAME = "cleanup.addName"  # the command that adds a name to the glossary file (the server writes it)
SPELLING_RULE = "HP:SpellCheck"  # Harper's misspellings: a name it does not know is one


def code_actions(
    uri: str, checked: Checked, wanted: types.Range, only: Sequence[str] | None = None
) -> list[types.CodeAction]:
    """The actions for the findings that touch `wanted`, then the one that applies every change: a quick fix
    beside them, a `source.fixAll` when the client asks for that kind (on save, say). `only`: the kinds asked for."""
    positions = checked.positions
    start, end = positions.offset(wanted.start), positions.offset(wanted.end)
    touching = [f for f in checked.findings if f.start <= end and start <= f.end]
    actions: list[types.CodeAction] = []
    for finding in touching:
        actions += _actions_for(uri, checked, finding)
    changes = [f for f in checked.findings if f.replacement is not None]
    source = any(kind.startswith(types.CodeActionKind.Source) for kind in only or ())
    if changes and (touching or source):
        edits = [_edit(checked, f.start, f.end, f.replacement or "") for f in changes]
        title = f"cleanup: apply every change in the document ({len(changes)})"
        kind = types.CodeActionKind.SourceFixAll if source else types.CodeActionKind.QuickFix
        actions.append(types.CodeAction(title, kind=kind, edit=_workspace_edit(uri, checked, edits)))
    if only:
        actions = [a for a in actions if any((a.kind or "").startswith(kind) for kind in only)]
    return actions


def _actions_for(uri: str, checked: Checked, finding: Finding) -> list[types.CodeAction]:
    actions = []
    quick = types.CodeActionKind.QuickFix
    diagnostics = [d for d in checked.diagnostics if d.code == finding.rule and _at(checked, d, finding)]
    if finding.replacement is not None:
        title = f"cleanup: “{one_line(finding.text)}” → “{one_line(finding.replacement)}” ({finding.rule})"
        edit = _edit(checked, finding.start, finding.end, finding.replacement)
        actions.append(
            types.CodeAction(
                title,
                kind=quick,
                diagnostics=diagnostics,
                is_preferred=True,
                edit=_workspace_edit(uri, checked, [edit]),
            )
        )
    for suggestion in finding.suggestions:
        title = f"cleanup: accept “{one_line(suggestion)}” for “{one_line(finding.text)}” ({finding.rule})"
        edit = _edit(checked, finding.start, finding.end, suggestion)
        actions.append(
            types.CodeAction(title, kind=quick, diagnostics=diagnostics, edit=_workspace_edit(uri, checked, [edit]))
        )
    if finding.rule in (NAME_RULE, SPELLING_RULE) and finding.text[:1].isupper():
        title = f"cleanup: add “{finding.text}” to the glossary's names"
        command = types.Command(title, ADD_NAME, arguments=[finding.text])
        actions.append(types.CodeAction(title, kind=quick, diagnostics=diagnostics, command=command))
    actions.append(
        types.CodeAction(
            f"cleanup: ignore {finding.rule} on this line",
            kind=quick,
            diagnostics=diagnostics,
            edit=_workspace_edit(uri, checked, [_ignore_edit(checked, finding)]),
        )
    )
    return actions


def _at(checked: Checked, diagnostic: types.Diagnostic, finding: Finding) -> bool:
    return diagnostic.range == checked.positions.range(finding.start, finding.end)


def _ignore_edit(checked: Checked, finding: Finding) -> types.TextEdit:
    """The directive at the end of the finding's line, naming each rule of it (a chained change has several)."""
    line = checked.positions.position(finding.start).line
    end = checked.positions.line_end(line)
    rules = " ".join(dict.fromkeys(finding.rule.split("+")))
    return _edit(checked, end, end, f" <!-- cleanup: ignore {rules} -->")


def _edit(checked: Checked, start: int, end: int, new_text: str) -> types.TextEdit:
    return types.TextEdit(checked.positions.range(start, end), new_text)


def _workspace_edit(uri: str, checked: Checked, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    """Edits of the document (as `changes`, which every client supports)."""
    return types.WorkspaceEdit(changes={uri: edits})
