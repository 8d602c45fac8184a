"""PDF files through Qt: the compliance report, a completion certificate, sign-in cards.

    >>> compliance_report(summary, "cipa-2027.pdf")         # district, year, tables, the clause
    >>> certificate(history, module_titles, "cert.pdf")     # one page per passed module
    >>> sign_in_cards(cards, "cards.pdf")                   # one page per class

The compliance report is written as PDF/A-1b (fonts embedded, no external references): it is
kept as E-Rate evidence for ten years. A QGuiApplication is needed to lay out text; one is made
(offscreen) when the CLI asks for a PDF without a window.
"""

from __future__ import annotations

import html
import os
from datetime import datetime
from pathlib import Path

from ..core import paths
from ..core.compliance import Summary, instruction_clause


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


def compliance_html(summary: Summary, clause: str | None = None) -> str:
    """The report as HTML (QTextDocument's subset): tables flow onto as many pages as needed."""
    e = html.escape
    clause = clause if clause is not None else instruction_clause()
    clause_html = "<br/>".join(e(line.strip()) for line in clause.splitlines() if line.strip())
    year = summary.school_year
    t = summary.total
    out = [
        "<html><body style='font-family: sans-serif; font-size: 10pt;'>",
        "<h1 style='font-size: 16pt;'>Internet safety instruction: compliance report</h1>",
        f"<p><b>{e(summary.district)}</b><br/>School year {e(year.title)} "
        f"({year.start.isoformat()} to {year.end.isoformat()})<br/>"
        f"Generated {e(_date(summary.generated_at))} ({e(summary.generated_at)})</p>",
        "<h2 style='font-size: 12pt;'>What the procedure requires</h2>",
        "<p>Procedure 2314-P, <i>Internet Safety Instruction</i>:</p>",
        f"<blockquote style='margin-left: 20px;'>{clause_html}</blockquote>",
        "<h2 style='font-size: 12pt;'>Summary</h2>",
        f"<p>{t.completed} of {t.enrolled} enrolled students ({t.percent:.1f}%) completed every required "
        "module of their grade band during the school year. A student counts as complete when they "
        "passed the quiz of each required module; passes are recorded with date, score and machine.</p>",
        "<p>Required modules: "
        + "; ".join(
            f"{e(tier)}: {e(', '.join(ids)) if ids else 'none'}" for tier, ids in summary.required.items()
        )
        + "</p>",
        "<h2 style='font-size: 12pt;'>By school</h2>",
        _table(
            ["School", "Enrolled", "Completed", "%"],
            [[r.school, r.enrolled, r.completed, f"{r.percent:.1f}"] for r in summary.schools]
            + [["All schools", t.enrolled, t.completed, f"{t.percent:.1f}"]],
        ),
        "<h2 style='font-size: 12pt;'>By school and grade</h2>",
        _table(
            ["School", "Grade", "Enrolled", "Completed", "%"],
            [[r.school, r.grade or "-", r.enrolled, r.completed, f"{r.percent:.1f}"] for r in summary.rows],
        ),
        "</body></html>",
    ]
    return "\n".join(out)


def _table(headers: list[str], rows: list[list]) -> str:
    e = html.escape
    head = "".join(f"<th align='left' style='background: #dde6ef;'>{e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in row) + "</tr>" for row in rows)
    return (
        f"<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )


def compliance_report(summary: Summary, path, clause: str | None = None) -> Path:
    """Write the compliance report as a PDF/A-1b file; returns its path."""
    from PySide6.QtGui import QTextDocument

    writer = _writer(path, f"Compliance report {summary.school_year.title}", archival=True)
    doc = QTextDocument()
    doc.setHtml(compliance_html(summary, clause))
    doc.print_(writer)
    del writer  # the file is complete once the writer is gone
    return Path(path)


# -- certificate ---------------------------------------------------------------------------


def certificate(history, titles: dict[str, str], path, district: str = "") -> Path:
    """A completion certificate for one student: one page per module passed (its first pass)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPainter, QPen

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
            h = page.height()

            def line(text: str, top: float, size: int, bold: bool = False) -> None:
                font = QFont("DejaVu Sans", size)
                font.setBold(bold)
                painter.setFont(font)
                painter.setPen(QColor("#1d2733"))
                painter.drawText(
                    QRectF(page.left(), page.top() + top * h, page.width(), 0.12 * h),
                    int(Qt.AlignHCenter | Qt.AlignTop | Qt.TextWordWrap),
                    text,
                )

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
        for n, (title, class_cards) in enumerate(by_class.items()):
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
