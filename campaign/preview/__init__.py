"""`build.py serve`: the local preview, rebuilt on every save."""
