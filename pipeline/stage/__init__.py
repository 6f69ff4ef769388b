"""Stage: the cached raw files, loaded verbatim into the build's database as raw_<name>."""
