"""dpeace: test the democratic peace on the public record.

From Python: `db = dpeace.open()` opens the built database (see dpeace.api).
"""

__version__ = "0.1.0"


# Named after the builtin on purpose: `dpeace.open()` reads as the library's verb.
def open(path=None):
    """The built database (data/peace.duckdb unless `path` says otherwise): dpeace.api.Database."""
    from dpeace.api.database import Database

    return Database(path)
