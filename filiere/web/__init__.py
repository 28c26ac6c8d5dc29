"""The web workbench: server-rendered pages over a folder of cases, each page with a ``.json`` twin."""

from filiere.web.app import create_app

__all__ = ["create_app"]
