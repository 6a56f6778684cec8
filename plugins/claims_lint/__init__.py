"""claims_lint: find unsupported marketing claims in clinic pages (no Pelican import)."""
