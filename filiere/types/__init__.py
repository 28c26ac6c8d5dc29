"""Value types: normalisers that return a canonical value, or None for junk."""
