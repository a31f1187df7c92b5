"""cleanup: normalize terms in translated articles and write a reviewed, corrected edition."""

__version__ = "0.1.0"
