"""The content stage: a handout's text, a clinic's profile and patients, read into typed models.

Nothing here draws: the models are plain data the later stages turn into pages.
"""
