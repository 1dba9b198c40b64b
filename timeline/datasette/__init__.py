"""Datasette support: the packaged metadata (``metadata.json``) and the plugin."""
