"""Language tools that need no database: tokenising, Finnish morphology, label matching."""
