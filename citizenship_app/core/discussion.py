"""A module's discussion prompt for a teacher-led talk (its `<!-- discussion -->` section, see
core.activities), for staff only, in the screen's language where the module has it.

    >>> discussion.prompt(db, "t-qureshi", catalog, "g35-private-info", "es")
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import access
from .errors import NotFound

if TYPE_CHECKING:
    from .access import Actor
    from .content import Catalog
    from .store import Store


@dataclass(frozen=True)
class Discussion:
    """A module's discussion prompt as a staff member reads it."""

    module_id: str
    title: str  # the module's title, in `language`
    markdown: str  # the `<!-- discussion -->` section
    language: str  # the language of `markdown`
    fallback: bool  # another language was asked for and has no prompt: English instead


def prompt(db: Store, actor: Actor, catalog: Catalog, module_id: str, language: str = "en") -> Discussion:
    """The module's discussion prompt for staff only (NotAllowed for a student), in `language`
    where the module's translation has one, otherwise in English (`fallback`); NotFound
    ("no-discussion") when the module has none."""
    access.role(db, actor)
    english = catalog.get(module_id)
    if english is None or not english.discussion:
        raise NotFound("no-discussion", module=module_id)
    shown = catalog.localized(english, language)
    if not shown.discussion:
        shown = english
    return Discussion(
        english.id, shown.title, shown.discussion, shown.meta.language, shown.meta.language != language
    )
