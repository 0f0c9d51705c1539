"""aerich migration folders, one per SQL dialect (SPEC §7)."""
