"""The district hub (`citizenship-district`): an xAPI 1.0.3 statements service for the kiosks.

Modules, one job each:
    statements  validation, comparison and index keys of xAPI statements (pure functions)
    storage     SQLAlchemy Core tables and queries (SQLite for a school, PostgreSQL for a district)
    auth        device passwords: salted hashes, the sign-in throttle, HTTP Basic parsing
    api         the FastAPI app: middleware, error handlers, the routers
    routes/     the routers (about, statements) and their authentication dependency (common)
    scope       what a device may record: its school's people, real modules, consistent scores
    roster      the district roster: core.roster's importer writing into the hub's tables
    cli         the `citizenship-district` command
"""
