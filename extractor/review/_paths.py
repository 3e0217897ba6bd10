"""Field paths into an extraction and corrections on them, for the review package.

The code lives in ``extractor.effective`` (the checks need it too, without importing the
review); this module keeps the review's own import path.
"""

from __future__ import annotations

from extractor.effective import (
    CorrectionError,
    apply_correction,
    format_path,
    get_value,
    parse_path,
    validate_extraction,
)

__all__ = [
    "CorrectionError",
    "apply_correction",
    "format_path",
    "get_value",
    "parse_path",
    "validate_extraction",
]
