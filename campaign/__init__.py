"""Static-site and print build for awareness campaigns against human trafficking.

Stages, in the order the pipeline (pipeline.py) runs them:
load.py → catalogs.py → plan.py → render.py → publish.py
"""
