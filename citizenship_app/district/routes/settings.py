"""GET /xapi/kiosk-settings: the settings the district set for the asking device's kiosks
(district.settings): a school device gets its school's (the school's own over the district's),
any other device the district's. The exit code comes as its hash, never in plain text."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from .. import settings
from ..storage import Device
from .common import XAPIError, device_for_read, hub_state

router = APIRouter()
PATH = "/xapi/kiosk-settings"


@router.get(PATH)
async def kiosk_settings(request: Request, device: Annotated[Device, Depends(device_for_read)]) -> dict:
    school = device.school if device.scope == "school" else None
    values = await run_in_threadpool(settings.for_school, hub_state(request).store, school)
    if values is None:  # the hub's role lacks the grant: the kiosks keep what they have
        raise XAPIError(
            503,
            "this hub may not read its kiosk settings: its database role lacks the grant listed in "
            "docs/district-hub.md (Kiosk settings); ask IT",
            code="settings_unavailable",
        )
    return {"school": school, "settings": values}
