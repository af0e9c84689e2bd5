"""The checks, one module per assessment area. Importing this package registers them all."""

from ccpa_readiness.assess.checks import (  # noqa: F401
    applicability_records,
    governance,
    inventory,
    notices,
    payment,
    recording,
    requests,
    security,
    service_providers,
    training,
    vendors,
)
