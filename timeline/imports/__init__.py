"""Dataset imports: ACLED and UCDP GED exports become developments, and later snapshots of
the same dataset become revisions.

Each dataset module (:mod:`timeline.imports.acled`, :mod:`timeline.imports.ucdp`) turns one
CSV row into a :class:`~timeline.imports.snapshot.RowRecord`: the row's id in the dataset and
the development it states. :mod:`timeline.imports.snapshot` compares each record with what
the log already holds for that row and writes dispatch documents: a new development, the
revisions of one already there, or a retraction for a row that left the dataset. Every
document goes through :func:`timeline.dispatch.parse_document` and
``TimelineApp.ingest_many``, so validation and atomic append are the dispatches' own.
"""

from __future__ import annotations

import projections  # noqa: F401  # first: sqlite-utils without pandas (see there)
from timeline.imports.snapshot import Dataset, ImportSummary, RowError, RowRecord, import_snapshot

__all__ = ["Dataset", "ImportSummary", "RowError", "RowRecord", "import_snapshot"]
