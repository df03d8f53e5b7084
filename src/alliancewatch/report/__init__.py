"""Rendering results for people and programs: terminal tables, JSON, CSV, briefs."""
