"""The quarterly evaluation report (application layer): built from models, kpi, presentation
and files. Another branch fills it; the import-linter contracts in pyproject.toml already place it."""
