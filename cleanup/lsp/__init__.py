"""The language server behind `cleanup lsp` (pygls): diagnostics, code actions and hovers for articles and
the glossary while they are edited. Modules by job: `positions` (offsets and LSP positions in the encoding
agreed), `paragraphs` (a checker's lints kept per paragraph of each open document, so a keystroke re-lints
one), `harperworker` (Harper in a worker process, replaced as harper-py grows), `checking` (a
document's outcome as diagnostics), `actions` (code actions), `project` (the glossary and settings the
server checks with, what the command line hands it), `server` (the protocol)."""
