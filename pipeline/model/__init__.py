"""The model stage: the democratic-peace logit battery over dyad_years."""
