"""Word-level helpers at the bottom layer: what a word, a sentence and a paragraph are, and the keys words match by."""
