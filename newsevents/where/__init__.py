"""where stage package."""
