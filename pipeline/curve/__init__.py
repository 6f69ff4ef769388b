"""The specification curve: one logit for every combination of defensible modelling choices."""
