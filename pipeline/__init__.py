"""dpeace: test the democratic peace on the public record."""

__version__ = "0.1.0"
