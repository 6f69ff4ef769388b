"""dpeace from Python: open the built database, build frames one verb at a time, fit models.

See dpeace.api.database for the entry point (`dpeace.open()`), dpeace.api.frames for the
verbs, dpeace.api.results for what a fit returns.
"""

from dpeace.api.database import Database, open_database
from dpeace.api.frames import Frame
from dpeace.api.results import Results, regression_table

__all__ = ["Database", "Frame", "Results", "open_database", "regression_table"]
