"""Actors and sides: the built-in registry of the world's institutions, and names."""
