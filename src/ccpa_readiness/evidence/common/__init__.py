"""What every scanner shares: the observation model and masking."""
