"""Request and response bodies, one module per resource; apart from the store's tables."""
