"""The plugin's templates and assets, shipped in the package as generator.theme (see pyproject.toml)."""
