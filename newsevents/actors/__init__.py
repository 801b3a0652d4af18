"""actors stage package."""
