"""PDF files through Qt: the compliance report, a completion certificate, sign-in cards.

    >>> compliance_report(report, "cipa-2027.pdf")          # core.compliance_report.Report
    >>> read_metadata("cipa-2027.pdf")                      # its fingerprint and scope, for verify
    >>> certificate(history, module_titles, "cert.pdf")     # one page per passed module
    >>> sign_in_cards(cards, "cards.pdf")                   # one page per class

The compliance report is written as PDF/A-1b (fonts embedded, no external references): it is
kept as E-Rate evidence for ten years. Its XMP metadata (dc:description) carries the SHA-256
fingerprint of the records it summarises and the scope needed to recompute it. A
QGuiApplication is needed to lay out text; one is made (offscreen) when the CLI asks for a PDF
without a window.
"""

from __future__ import annotations

import functools
import html
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from ..core import paths
from ..core.compliance import instruction_clause
from ..core.compliance_report import Report
from ..core.content import CIPA_TOPICS


def _app():
    # A QApplication (not just a QGuiApplication): if the window is built later in the same
    # process (tests, or the GUI after a CLI call), it needs the widgets' application object.
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    return app


def _writer(path, title: str, *, archival: bool = False, landscape: bool = False):
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter

    from ..core.paths import private_file

    _app()
    writer = QPdfWriter(str(private_file(path)))  # student records: 0600, like every export
    writer.setTitle(title)
    writer.setCreator("Citizenship Kiosk")
    writer.setPageSize(QPageSize(QPageSize.Letter))
    writer.setPageOrientation(QPageLayout.Landscape if landscape else QPageLayout.Portrait)
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Millimeter)
    writer.setResolution(300)
    if archival:
        writer.setPdfVersion(QPagedPaintDevice.PdfVersion_A1b)
    return writer


def _date(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone().strftime("%B %d, %Y").replace(" 0", " ")


# -- compliance ----------------------------------------------------------------------------

METADATA_PREFIX = "citizenship-compliance:"  # in dc:description, before the JSON that `verify` reads
_H2 = "<h2 style='font-size: 12pt;'>"


def compliance_html(report: Report, clause: str | None = None) -> str:
    """The report as HTML (QTextDocument's subset): tables flow onto as many pages as needed."""
    e = html.escape
    clause = clause if clause is not None else instruction_clause()
    clause_html = "<br/>".join(e(line.strip()) for line in clause.splitlines() if line.strip())
    t = report.total
    frozen = (
        f"<p><b>Frozen</b> when the school year was closed on {e(_date(report.frozen_at))}: this is "
        "the report as it stood then; later roster changes do not alter it.</p>"
        if report.frozen_at
        else "<p>The school year is not closed: the figures are those of the records on the day "
        "the report was made.</p>"
    )
    by_tier: dict[str, list[str]] = {}
    for m in report.modules:
        if m.required and m.audience != "Staff":
            by_tier.setdefault(m.audience, []).append(m.title)
    trained, staff_n = report.staff_trained, len(report.staff)
    out = [
        "<html><body style='font-family: sans-serif; font-size: 10pt;'>",
        "<h1 style='font-size: 16pt;'>Internet safety instruction: compliance report</h1>",
        f"<p><b>{e(report.district)}</b><br/>{e(report.scope)}<br/>"
        f"School year {e(report.school_year_title)}<br/>"
        f"Period covered: {e(_day(report.period_start))} to {e(_day(report.period_end))} "
        f"(records through {e(_day(report.records_through))})<br/>"
        f"Generated {e(_date(report.generated_at))} ({e(report.generated_at)})</p>",
        frozen,
        f"{_H2}What the procedure requires</h2>",
        "<p>Procedure 2314-P, <i>Internet Safety Instruction</i>, which carries out the Children's "
        "Internet Protection Act (CIPA, 47 U.S.C. 254(l)(1)(B)):</p>",
        f"<blockquote style='margin-left: 20px;'>{clause_html}</blockquote>",
        f"{_H2}Summary</h2>",
        f"<p>{t.completed} of {t.enrolled} enrolled students ({t.percent:.1f}%) completed every required "
        "module of their grade band during the school year. A student counts as complete when they "
        "passed the quiz of each required module; passes are recorded with date, score and machine. "
        f"{trained} of {staff_n} staff members completed every staff training module.</p>",
        "<p>Required modules: "
        + "; ".join(f"{e(a)}: {e(', '.join(titles))}" for a, titles in by_tier.items())
        + "</p>",
        f"{_H2}Modules, CIPA topics and procedure items</h2>",
        "<p>Which of the three topics CIPA names each module teaches, and which items of "
        "Procedure 2314-P it covers.</p>",
        _table(
            ["Module", "Grades", "Required", *(_TOPIC_HEADINGS), "Procedure 2314-P items"],
            [
                [
                    m.title,
                    m.audience,
                    "yes" if m.required else "no",
                    *("yes" if topic in m.topics else "" for topic in CIPA_TOPICS.values()),
                    "; ".join(m.items),
                ]
                for m in report.modules
            ],
            widths=[21, 7, 9, 11, 8, 14, 30],
            size=7,
        ),
        f"{_H2}Completion by school</h2>",
        _table(
            ["School", "Enrolled", "Completed", "%"],
            [[r.school, r.enrolled, r.completed, f"{r.percent:.1f}"] for r in report.schools]
            + [["All schools", t.enrolled, t.completed, f"{t.percent:.1f}"]],
        ),
        f"{_H2}Completion by school and grade</h2>",
        _table(
            ["School", "Grade", "Enrolled", "Completed", "%"],
            [[r.school, r.label or "-", r.enrolled, r.completed, f"{r.percent:.1f}"] for r in report.grades],
        ),
        f"{_H2}Completion by class</h2>",
        _table(
            ["School", "Class", "Enrolled", "Completed", "%"],
            [[r.school, r.label, r.enrolled, r.completed, f"{r.percent:.1f}"] for r in report.classes],
        ),
        f"{_H2}Staff training</h2>",
        "<p>Procedure 2314-P, <i>Internet Safety Instruction</i> item 2: training on online safety and "
        "materials implementation for administration and staff. Staff modules: "
        f"{e('; '.join(report.staff_modules)) or 'none'}.</p>",
        f"<p>{trained} of {staff_n} staff members completed every staff module during the school year.</p>",
        _table(
            ["Staff member", "Staff modules completed", "All completed"],
            [[s.name, "; ".join(s.completed) or "none", "yes" if s.trained else "no"] for s in report.staff],
        )
        if report.staff
        else "<p>No staff members in the roster.</p>",
        f"{_H2}Records and fingerprint</h2>",
        f"<p>This report summarises {report.records} completion records (passes of the required "
        "modules by the students counted, and of the staff modules by staff, dated within the "
        "period). The SHA-256 fingerprint of those records, in their canonical form, is:</p>",
        f"<p style='font-family: monospace;'>SHA-256 {e(report.fingerprint)}</p>",
        f"<p>{e(report.left_out_line)}</p>" if report.left_out_line else "",
        "<p>It is also embedded in this file's metadata. To check that the records still say what "
        "this report says, run <i>citizenship-app compliance verify FILE</i>"
        + (
            " (or <i>citizenship-district compliance verify FILE</i> at the district hub)"
            if report.source == "hub"
            else ""
        )
        + ".</p>",
        "<h2 style='font-size: 12pt; page-break-before: always;'>Attestation</h2>",
        f"<p>We attest that this report is a true summary of the instruction records kept for "
        f"{e(report.scope)} of {e(report.district)} for the school year {e(report.school_year_title)}, "
        "and that during the period covered students were educated about appropriate online "
        "behavior, including interacting with other individuals on social networking websites and in "
        "chat rooms, and cyberbullying awareness and response, as the Children's Internet Protection "
        "Act and Procedure 2314-P require.</p>",
        _signatures(),
        "</body></html>",
    ]
    return "\n".join(out)


_TOPIC_HEADINGS = ("Social networking", "Chat rooms", "Cyberbullying")


def _signatures() -> str:
    line = "_" * 34
    rows = "".join(
        f"<tr><td>{role}</td></tr><tr><td>Signature: {line}</td><td>Date: {'_' * 14}</td></tr>"
        f"<tr><td>Name: {line}</td><td></td></tr><tr><td>&nbsp;</td></tr>"
        for role in ("Principal", "District Technology Director")
    )
    return f"<table cellspacing='0' cellpadding='6' width='100%'>{rows}</table>"


def _day(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%B %d, %Y").replace(" 0", " ")


def _table(headers: list[str], rows: list[list], widths: list[int] | None = None, size: int = 9) -> str:
    """A table with a repeated header row; `widths` in percent of the page, `size` in points
    (set on every cell: QTextDocument does not pass a table's font size on to its cells)."""
    e = html.escape
    width = [f" width='{w}%'" for w in widths] if widths else [""] * len(headers)
    font = f"font-size: {size}pt;"
    head = "".join(
        f"<th align='left'{w} style='background: #dde6ef; {font}'>{e(h)}</th>"
        for h, w in zip(headers, width, strict=True)
    )
    body = "".join(
        "<tr>" + "".join(f"<td style='{font}'>{e(str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return (
        f"<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )


def _xmp(title: str, description: str) -> bytes:
    """The XMP packet of a PDF/A-1b file (as Qt writes it), with dc:description added."""
    e = html.escape
    stamp = datetime.now(UTC).isoformat(timespec="seconds")  # as Qt dates the Info dictionary
    return (
        "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>"
        '<x:xmpmeta xmlns:x="adobe:ns:meta/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
        '<rdf:RDF><rdf:Description rdf:about="">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(title)}</rdf:li></rdf:Alt></dc:title>'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(description)}</rdf:li></rdf:Alt>'
        "</dc:description>"
        "<dc:creator><rdf:Seq><rdf:li></rdf:li></rdf:Seq></dc:creator></rdf:Description>"
        f'<rdf:Description rdf:about="" pdf:Producer="Qt {_qt_version()}" pdf:Trapped="False"/>'
        f'<rdf:Description rdf:about="" xmp:CreatorTool="Citizenship Kiosk" xmp:CreateDate="{stamp}" '
        f'xmp:ModifyDate="{stamp}" xmp:MetadataDate="{stamp}"/>'
        '<rdf:Description rdf:about="" pdfaid:part="1" pdfaid:conformance="B"/>'
        "</rdf:RDF></x:xmpmeta><?xpacket end='w'?>"
    ).encode()


def _qt_version() -> str:
    from PySide6.QtCore import qVersion

    return qVersion()


def compliance_report(report: Report, path, clause: str | None = None) -> Path:
    """Write the compliance report as a PDF/A-1b file, its fingerprint in the metadata; returns its path."""
    from PySide6.QtCore import QByteArray, QMarginsF
    from PySide6.QtGui import QPageLayout, QTextDocument

    title = f"Compliance report {report.school_year_title}: {report.scope}"
    meta = json.dumps(report.metadata(), sort_keys=True, separators=(",", ":"))
    description = (
        f"SHA-256 fingerprint of the {report.records} completion records summarised: "
        f"{report.fingerprint}. {METADATA_PREFIX}{meta}"
    )
    writer = _writer(path, title, archival=True)
    writer.setDocumentXmpMetadata(QByteArray(_xmp(title, description)))
    # print_ lays the text out with margins of its own (2 cm) and numbers the pages: the page's
    # margins would come on top, leaving the tables too narrow.
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Millimeter)
    doc = QTextDocument()
    doc.setHtml(compliance_html(report, clause))
    doc.print_(writer)
    del writer  # the file is complete once the writer is gone
    return Path(path)


def read_metadata(path) -> dict | None:
    """The report metadata a compliance PDF carries (see compliance_report), or None.

    Read from the XMP packet, which PDF/A keeps unfiltered in the file: no PDF library needed.
    """
    import xml.etree.ElementTree as ET

    data = Path(path).read_bytes()
    start, end = data.find(b"<?xpacket begin"), data.find(b"<?xpacket end")
    if start < 0 or end < 0:
        return None
    packet = data[start : data.find(b"?>", end) + 2]
    try:
        root = ET.fromstring(packet[packet.find(b"?>") + 2 : packet.rfind(b"<?xpacket")])
    except ET.ParseError:
        return None
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
    for li in root.iterfind(".//dc:description/rdf:Alt/rdf:li", ns):
        text = li.text or ""
        if METADATA_PREFIX in text:
            try:
                return json.loads(text.split(METADATA_PREFIX, 1)[1])
            except ValueError:
                return None
    return None


# -- certificate ---------------------------------------------------------------------------


def certificate(history, titles: dict[str, str], path, district: str = "") -> Path:
    """A completion certificate for one student: one page per module passed (its first pass)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QPainter, QPen

    firsts: dict[str, object] = {}
    for c in history.completions:
        firsts.setdefault(c.module_id, c)
    if not firsts:
        raise ValueError(f"{history.name} has not passed a module yet")
    writer = _writer(path, f"Certificate: {history.name}", landscape=True)
    painter = QPainter(writer)
    try:
        for i, c in enumerate(firsts.values()):
            if i:
                writer.newPage()
            page = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
            page.moveTo(0, 0)
            painter.setPen(QPen(QColor("#1f4e79"), 12))
            painter.drawRect(page.adjusted(20, 20, -20, -20))
            line = functools.partial(_centred_line, painter, page)
            line("Certificate of Completion", 0.10, 30, True)
            line("This certifies that", 0.26, 16)
            line(history.name, 0.34, 28, True)
            line("completed the digital citizenship module", 0.48, 16)
            line(titles.get(c.module_id, c.module_id), 0.56, 22, True)
            line(f"on {_date(c.completed_at)} with a score of {c.score}%", 0.70, 16)
            line(
                " · ".join(x for x in (district, "Procedure 2314-P, Internet Safety Instruction") if x),
                0.84,
                11,
            )
    finally:
        painter.end()
    return Path(path)


def family_sheet(title: str, markdown_text: str, path, language: str = "en") -> Path:
    """A module's one-page sheet for families (its `<!-- family-sheet -->` section): the
    Markdown at 11 pt, made smaller until it fits one letter page."""
    return _markdown_sheet(title, markdown_text, path, language, "Family sheet")


def discussion(title: str, markdown_text: str, path, language: str = "en") -> Path:
    """A module's discussion prompt for the teacher (its `<!-- discussion -->` section), under
    the module's title, on one page like the family sheet."""
    return _markdown_sheet(title, markdown_text, path, language, "Discussion prompt", heading=title)


def _markdown_sheet(
    title: str, markdown_text: str, path, language: str, kind: str, heading: str = ""
) -> Path:
    """Markdown on one letter page: 11 pt, made smaller until it fits (down to 8 pt)."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QFont, QTextDocument

    from ..core.render import page_html

    writer = _writer(path, title)
    writer.setDocumentXmpMetadata(_xmp(title, f"{kind}, {language}"))
    page = writer.pageLayout().paintRectPoints()
    doc = QTextDocument()
    top = f"<p><b>{html.escape(heading)}</b></p>" if heading else ""
    doc.setHtml(f"<html lang='{html.escape(language)}'><body>{top}{page_html(markdown_text)}</body></html>")
    doc.setPageSize(QSizeF(page.width(), page.height()))
    doc.setDocumentMargin(0)
    size = 11.0
    while True:  # a long sheet (content check allows 350 words) still prints on one page
        doc.setDefaultFont(QFont("DejaVu Sans", size))
        if doc.pageCount() <= 1 or size <= 8:
            break
        size -= 0.5
    doc.print_(writer)
    del writer
    return Path(path)


def _centred_line(painter, page, text: str, top: float, size: int, bold: bool = False) -> None:
    """One line of a certificate, centred across `page`, `top` a share of its height down."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont

    h = page.height()
    font = QFont("DejaVu Sans", size)
    font.setBold(bold)
    painter.setFont(font)
    painter.setPen(QColor("#1d2733"))
    painter.drawText(
        QRectF(page.left(), page.top() + top * h, page.width(), 0.12 * h),
        int(Qt.AlignHCenter | Qt.AlignTop | Qt.TextWordWrap),
        text,
    )


# -- sign-in cards -------------------------------------------------------------------------


def sign_in_cards(cards, path=None, columns: int = 3, *, printer=None) -> Path | None:
    """One page per class; each card shows the class, the student's name and the new code.
    Drawn into a 0600 PDF at `path`, or straight onto `printer` (a QPrinter: no file at all)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPainter, QPen
    from PySide6.QtSvg import QSvgRenderer

    by_class: dict[str, list] = {}
    for card in cards:
        by_class.setdefault(card.class_title, []).append(card)
    if not by_class:
        raise ValueError("no students to make cards for")
    writer = printer if printer is not None else _writer(path, "Sign-in cards")
    painter = QPainter(writer)
    pictures = paths.ASSETS_DIR / "icons" / "codes"
    try:
        for n, class_cards in enumerate(by_class.values()):
            if n:
                writer.newPage()
            page = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
            page.moveTo(0, 0)
            rows = max(1, -(-len(class_cards) // columns))
            w, h = page.width() / columns, page.height() / max(rows, 4)
            for i, card in enumerate(class_cards):
                box = QRectF(page.left() + (i % columns) * w, page.top() + (i // columns) * h, w, h).adjusted(
                    8, 8, -8, -8
                )
                painter.setPen(QPen(QColor("#9fb4c8"), 3, Qt.DashLine))
                painter.drawRect(box)
                painter.setPen(QColor("#1d2733"))
                inner = box.adjusted(20, 12, -20, -12)
                small, big = QFont("DejaVu Sans", 8), QFont("DejaVu Sans", 12)
                big.setBold(True)
                painter.setFont(small)
                painter.drawText(inner, int(Qt.AlignTop | Qt.AlignLeft), card.class_title)
                painter.setFont(big)
                step = inner.height() / 20  # title 3, name 5, code 9, words 3
                painter.drawText(
                    QRectF(inner.left(), inner.top() + 3 * step, inner.width(), 5 * step),
                    int(Qt.AlignLeft | Qt.AlignVCenter),
                    card.student.display_name,
                )
                code_box = QRectF(inner.left(), inner.top() + 8 * step, inner.width(), 9 * step)
                if card.kind == "picture":
                    x, size = code_box.left(), code_box.height()
                    for name in card.code.split("-"):
                        svg = pictures / f"{name}.svg"
                        if svg.exists():
                            QSvgRenderer(str(svg)).render(painter, QRectF(x, code_box.top(), size, size))
                            x += size * 1.2
                    painter.setFont(small)
                    painter.drawText(
                        QRectF(inner.left(), inner.top() + 17 * step, inner.width(), 3 * step),
                        int(Qt.AlignLeft | Qt.AlignVCenter),
                        card.code.replace("-", ", then "),
                    )
                else:
                    painter.drawText(code_box, int(Qt.AlignLeft | Qt.AlignVCenter), f"PIN  {card.code}")
    finally:
        painter.end()
    return Path(path) if path is not None else None
