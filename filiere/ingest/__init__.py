"""Readers: one module per evidence format, and the registry that picks one for a file."""
