"""Speed measurements. Each prints one table and compares with a baseline from the same run."""
