"""The review app's routes, one module per concern."""
