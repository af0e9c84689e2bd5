"""One assessed organization: `ccpa.yaml`, `inventory/*.yaml` and `evidence/`, loaded into models."""
