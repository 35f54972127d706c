"""newsdigest: news article texts to a static digest site."""

__version__ = "0.1.0"
