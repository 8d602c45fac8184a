"""GET /xapi/about: the xAPI versions the hub speaks (no credentials or version header needed);
GET /xapi/device-keys: the devices' public keys (JWK Set, credentials needed), see signatures.py."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from .. import signatures
from ..storage import Device
from .common import SUPPORTED_VERSIONS, device_for_read, hub_state

router = APIRouter()


# HEAD on every resource: the headers of the GET (the server sends no body with them).
@router.api_route("/xapi/about", methods=["GET", "HEAD"])
async def about():
    # The extension tells kiosks that this hub checks signatures and lists devices' keys.
    return {"version": SUPPORTED_VERSIONS, "extensions": {signatures.ABOUT_EXTENSION: True}}


@router.api_route("/xapi/" + signatures.KEYS_PATH, methods=["GET", "HEAD"])
def device_keys(request: Request, _device: Annotated[Device, Depends(device_for_read)]) -> dict:
    """The devices' public keys (JWK Set), for kiosks verifying what they pull."""
    return signatures.key_set(hub_state(request).store)
