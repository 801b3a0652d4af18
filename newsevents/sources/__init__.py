"""sources stage package."""
