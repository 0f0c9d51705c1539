"""Request and response models: they validate input and are the OpenAPI schemas."""
