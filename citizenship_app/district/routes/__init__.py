"""The hub's HTTP routes as FastAPI routers, each authenticating through a dependency.

common      the hub's per-app state, XAPIError, the authentication dependencies, body reading
about       GET /xapi/about
statements  POST, PUT, GET and HEAD /xapi/statements
"""
