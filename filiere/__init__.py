"""filiere: an offline investigation workbench for cyber-narcotics units."""

__version__ = "0.1.0"
