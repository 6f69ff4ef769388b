"""`make bench`: how long each stage takes and how much memory it needs, on the real data
and on synthetic worlds of growing size (see __main__.py)."""
