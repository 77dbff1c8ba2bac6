"""The PDF stage: flowables onto pages with furniture, bookmarks and metadata."""
