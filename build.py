#!/usr/bin/env python3
"""Build the campaign: `python build.py --help` explains the commands. The work is in campaign/."""
import sys

from campaign.cli import main

if __name__ == "__main__":
    sys.exit(main())
