"""Icons and styles of MLP Playground, installed as the package ``playground.resources``."""
