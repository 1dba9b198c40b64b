"""eventsourcing's PostgreSQL factory, with the libpq parameters of the store URL.

The library connects with a fixed set of arguments (host, port, dbname, user, password);
:class:`LibpqPostgresFactory` adds the URL's libpq parameters (``sslmode``, ``sslrootcert``
and the others :data:`timeline.store.LIBPQ_PARAMETERS` lists) to its connection pool before
the pool opens, so ``?sslmode=require`` is honoured rather than dropped. Imported only when a
PostgreSQL store is used (it needs psycopg).
"""

from __future__ import annotations

import json
from typing import Any

from eventsourcing.postgres import PostgresFactory


class LibpqPostgresFactory(PostgresFactory):
    def __init__(self, env: Any) -> None:
        super().__init__(env)
        extra = json.loads(self.env.get("POSTGRES_LIBPQ_PARAMETERS") or "{}")
        kwargs: Any = self.datastore.pool.kwargs
        kwargs.update(extra)
