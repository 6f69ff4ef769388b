"""Reading the built database: `dpeace sql`, `dpeace describe` and `dpeace export`."""
