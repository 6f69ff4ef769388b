"""The report stage: the analysis tables and model results as one self-contained HTML page."""
