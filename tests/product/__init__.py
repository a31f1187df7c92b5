"""Tests of the whole product at once: its edition, real articles and files, properties, bad inputs, cost, layers and documentation."""
