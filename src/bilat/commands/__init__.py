"""CLI command groups beyond extraction; each module has ``register(app)``."""
