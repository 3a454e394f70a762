"""Stage 4, publish: the render cache, the staging folder, and the atomic swap into the output folder,
never over a folder the build did not make."""
