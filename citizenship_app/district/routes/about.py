"""GET /xapi/about: the xAPI versions the hub speaks (no credentials or version header needed)."""

from __future__ import annotations

from fastapi import APIRouter

from .common import SUPPORTED_VERSIONS

router = APIRouter()


@router.get("/xapi/about")
async def about():
    return {"version": SUPPORTED_VERSIONS}
