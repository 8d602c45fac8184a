"""Exports that write a PDF: authorised and audited here, before the file is written.

    >>> compliance_pdf(db, "a-whitfield", summary, "cipa-2027.pdf")
    >>> certificate_pdf(db, "t-qureshi", history, titles, "cert.pdf", district)

The core builds the data and owns the rules (`core.access`, `core.audit`) but never imports Qt;
these functions are the only way a screen or a command writes one of these PDFs, so neither can
forget the permission check or the audit row. The audit row is written first: if it cannot be,
the file is not written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..core import access, audit, filing, records
from ..core import exports as folders
from ..core.compliance import SchoolYear
from ..core.compliance_report import Report
from ..core.discussion import Discussion
from ..core.errors import NotFound
from ..core.records import History
from . import pdf


def compliance_pdf(
    db, actor, catalog, year: SchoolYear, path, school_id: str | None = None
) -> tuple[Path, Report]:
    """The compliance report for filing (PDF/A-1b; the frozen one for a closed year), audited as
    "export_compliance" with its fingerprint. Returns the path and the report written."""
    rep = filing.report(db, actor, catalog, year, school_id, audited=False)  # authorises
    audit.record(db, actor, audit.EXPORT_COMPLIANCE, detail=filing.audit_detail(rep, "pdf"))
    return pdf.compliance_report(rep, path), rep


def certificate_pdf(db, actor, history: History, titles: dict[str, str], path, district: str = "") -> Path:
    """A student's completion certificate, audited as "export_certificate" (the student as subject)."""
    access.require_student(db, actor, history.person_id, manage=False)
    audit.record(
        db,
        actor,
        audit.EXPORT_CERTIFICATE,
        subject=history.person_id,
        detail={"format": "pdf", "modules": sorted({c.module_id for c in history.completions})},
    )
    return pdf.certificate(history, titles, path, district)


def family_sheet_pdf(db, actor, module, path) -> Path:
    """A module's family sheet (English or a translation: `module` as the catalog gives it),
    for any staff member; audited as "export_family_sheet" with the module and language."""
    access.role(db, actor)  # staff only (NotAllowed for a student or a stranger)
    if not module.family_sheet:
        raise NotFound("no-family-sheet", module=module.id)
    audit.record(
        db,
        actor,
        audit.EXPORT_FAMILY_SHEET,
        detail={"format": "pdf", "module": module.id, "language": module.meta.language},
    )
    return pdf.family_sheet(module.title, module.family_sheet, path, module.meta.language)


def family_sheet_to_folder(db, actor, module) -> Path:
    """`family_sheet_pdf` into the export folder, named by the module and its language."""
    path = folders.export_file(db, "family-sheet", module.id, module.meta.language, suffix="pdf")
    return _or_remove(path, lambda: family_sheet_pdf(db, actor, module, path))


def discussion_pdf(db, actor, prompt: Discussion, path) -> Path:
    """A module's discussion prompt (`core.discussion.prompt`, in the language it was
    shown in), for any staff member; audited as "export_discussion" with the module and language."""
    access.role(db, actor)  # staff only (NotAllowed for a student or a stranger)
    audit.record(
        db,
        actor,
        audit.EXPORT_DISCUSSION,
        detail={"format": "pdf", "module": prompt.module_id, "language": prompt.language},
    )
    return pdf.discussion(prompt.title, prompt.markdown, path, prompt.language)


def discussion_to_folder(db, actor, prompt: Discussion) -> Path:
    """`discussion_pdf` into the export folder, named by the module and the prompt's language."""
    path = folders.export_file(db, "discussion", prompt.module_id, prompt.language, suffix="pdf")
    return _or_remove(path, lambda: discussion_pdf(db, actor, prompt, path))


def _or_remove(path: Path, write: Callable[[], Path]) -> Path:
    """`write()`, leaving no file at `path` when it is refused or fails."""
    try:
        return write()
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def compliance_pdf_to_folder(
    db, actor, catalog, year: SchoolYear, school_id: str | None = None
) -> tuple[Path, Report]:
    """`compliance_pdf` into the export folder (core.exports), named by the school (or all
    schools) and the school year; no file is left behind when it is refused or fails."""
    names = dict(records.schools(db, actor))
    about = (
        names.get(school_id, school_id)
        if school_id
        else (next(iter(names.values())) if len(names) == 1 else "all-schools")
    )
    path = folders.export_file(db, "compliance", about, year.title, suffix="pdf")
    try:
        return compliance_pdf(db, actor, catalog, year, path, school_id)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def certificate_to_folder(db, actor, history: History, titles: dict[str, str], district: str = "") -> Path:
    """`certificate_pdf` into the export folder, named by the student and the date."""
    path = folders.export_file(db, "certificate", history.name, suffix="pdf")
    try:
        return certificate_pdf(db, actor, history, titles, path, district)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
