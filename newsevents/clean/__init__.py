"""clean stage package."""
