"""The read side: projections of the event log into a SQLite read-model file.

Each projection writes its rows and its log position in one transaction, so a crash
neither loses nor repeats work. ``registry.PROJECTIONS`` lists them; ``runner`` drives
them; ``queries`` is the only module that views and reports read through.
"""
