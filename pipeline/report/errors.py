"""The report's own failure, shown by the CLI as one plain message."""

from dpeace.errors import PipelineError


class ReportError(PipelineError):
    pass
