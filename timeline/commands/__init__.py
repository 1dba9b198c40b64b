"""The CLI's commands, grouped by purpose; ``timeline.cli`` registers them on one group."""
