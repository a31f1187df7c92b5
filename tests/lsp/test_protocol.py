"""The server's protocol in process: a keystroke leaves nothing behind in pygls's bookkeeping."""

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from cleanup.lsp.server import Protocol


def test_notifications_leave_no_futures_behind():
    """pygls 2.1 keeps the future of each didChange (a generator handler) for ever; ours drops it once done."""
    server = LanguageServer("test", "1", protocol_cls=Protocol)
    seen: list[int] = []

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        seen.append(params.text_document.version)

    for version in range(1, 101):
        change = types.TextDocumentContentChangeWholeDocument(f"version {version}")
        document = types.VersionedTextDocumentIdentifier(version=version, uri="file:///article.txt")
        params = types.DidChangeTextDocumentParams(document, [change])
        server.protocol._handle_notification(types.TEXT_DOCUMENT_DID_CHANGE, params)
    assert seen == list(range(1, 101))
    assert server.protocol._request_futures == {}
