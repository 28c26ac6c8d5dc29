"""Read-only queries behind the web workbench's pages.

Plain functions of a case connection returning plain values, one module per group of pages, so that
the web layer holds no SQL and each query can be timed on its own.
"""
