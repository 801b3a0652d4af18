"""when stage package."""
