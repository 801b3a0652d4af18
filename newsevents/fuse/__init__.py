"""Fusion of mentions into events, and the "what we know" brief built on them."""
