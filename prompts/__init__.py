"""Prompt templates, kept as text so that a reviewer can read and diff them."""
