"""Grammar and spelling checkers behind one interface (`harper.Checker`): Harper, offline and the
default, and LanguageTool through a server or a local install."""
