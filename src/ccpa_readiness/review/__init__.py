"""The stakeholder review app: departments review, comment on and sign off the roadmap."""
