"""Stage 2, site: plans every page of every language and renders it with Pelican and the theme."""
