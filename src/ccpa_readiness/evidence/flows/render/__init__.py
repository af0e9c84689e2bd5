"""Writers of flow results: one module per output format, all reading the same observations."""
