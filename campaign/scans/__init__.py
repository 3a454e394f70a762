"""Scans: the host's access logs + the campaign's poster plan → scans per poster and day (scans.csv, report.html)."""
