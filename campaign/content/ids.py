"""Ids: the short names that tie files, translations and addresses together."""
import re

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_HELP = "use lowercase letters, digits and dashes, e.g. dream-job"
