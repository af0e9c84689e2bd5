"""Applicability, the check registry and its checks, scoring: facts in, findings out."""
