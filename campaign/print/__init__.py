"""Stage 3, print: plans, lays out, fits, finishes and preflights posters, cards, screen and sharing images."""
