"""Printable reports (PDF through Qt): compliance evidence, certificates, sign-in cards.

Kept out of `core` because it needs Qt; the data comes from core functions.
"""
