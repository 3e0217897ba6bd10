"""extractor: Indonesian news on the Ombudsman RI compliance assessment -> a validated dataset."""

__version__ = "0.1.0"
