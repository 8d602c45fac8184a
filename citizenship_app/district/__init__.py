"""The district hub (`citizenship-district`): an xAPI 1.0.3 statements service for the kiosks.

Modules, one job each:
    statements  validation, comparison and index keys of xAPI statements (pure functions)
    storage     SQLAlchemy Core tables and queries (SQLite for a school, PostgreSQL for a district)
    auth        device passwords: scrypt hashes, HTTP Basic parsing
    api         the FastAPI app serving /xapi/about and /xapi/statements
    cli         the `citizenship-district` command
"""
