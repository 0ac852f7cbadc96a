"""Files into the warehouse: read, validate, load in one transaction."""
