"""Measures: one module per family (votes, arms, treaties, vetoes, trade, events, networks)."""
