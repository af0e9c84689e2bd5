from ccpa_readiness.cli import app

app()
