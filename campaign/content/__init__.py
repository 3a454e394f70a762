"""Stage 1, content: reads the campaign folder's YAML and Markdown, checks it, and gives the model (model.py)."""
