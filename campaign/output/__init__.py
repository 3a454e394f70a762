"""Stage 4, output: the render cache, the staging folder, and the atomic swap into the output folder."""
