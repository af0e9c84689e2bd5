"""The intake: questionnaire pages generated from the workspace models, saved into the workspace."""
