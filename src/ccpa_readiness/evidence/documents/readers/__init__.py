"""Readers: one per file format, each turning bytes into blocks (headings and paragraphs)."""
