"""ccpa-readiness: assess a customer contact center's readiness for the CCPA/CPRA."""

__version__ = "0.1.0"
