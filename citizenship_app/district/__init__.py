"""The district hub (`citizenship-district`): an xAPI 1.0.3 statements service for the kiosks.

Modules, one job each:
    statements  validation, comparison and index keys of xAPI statements (pure functions)
    storage     SQLAlchemy Core tables and queries (SQLite for a school, PostgreSQL for a district)
    auth        device passwords: scrypt hashes, HTTP Basic parsing
    api         the FastAPI app: middleware, error handlers, the routers
    routes/     the routers (about, statements) and their authentication dependency (common)
    cli         the `citizenship-district` command
"""
