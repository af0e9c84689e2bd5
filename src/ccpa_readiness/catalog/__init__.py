"""The requirements catalog: the law as data (requirements, remediation tasks, figures, taxonomy)."""
