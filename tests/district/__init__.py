"""Tests of the district hub (citizenship_app.district)."""
