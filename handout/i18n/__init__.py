"""Translations: the shipped catalogs, a content's own catalogs, and dates in each language."""
