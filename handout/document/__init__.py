"""The document vocabulary: typed blocks that know their role, parsed from template XML."""
