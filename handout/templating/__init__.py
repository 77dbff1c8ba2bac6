"""The template stage: Jinja, sandboxed and bounded, renders a handout into document XML."""
