"""Shipped fonts, installed as package data of handout."""
