"""The entity graph as NetworkX: the projection from the store (`projection`) and focused views (`views`)."""
