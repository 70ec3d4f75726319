"""Integrations with other tools; each lives in its own module and needs its own extra."""
