"""conflict-explainers: YAML event records and Markdown prose turned into explainer pages."""
