"""Event-sourced news timeline engine: the write side and the entry points."""

__version__ = "0.1.0"
