"""Errors that the command line reports as one plain message, never a traceback."""


class PipelineError(Exception):
    """A failure the user can act on; its message says what, where, and what to do."""


class FetchError(PipelineError):
    pass


class BuildError(PipelineError):
    pass


class ModelError(PipelineError):
    pass


class QueryError(PipelineError):
    pass
