"""fuse stage package."""
