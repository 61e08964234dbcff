"""Checker rules. Each is one function registered by name; see DESIGN.md for the list."""
