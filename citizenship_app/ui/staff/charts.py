"""Compliance charts (QtCharts): completion by grade, and complete students over the year."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter

from ..i18n import translate


def _view(name: str, title: str) -> QChartView:
    chart = QChart()
    chart.setTitle(title)
    chart.legend().hide()
    view = QChartView(chart)
    view.setObjectName(name)
    view.setRenderHint(QPainter.Antialiasing)
    view.setMinimumHeight(180)  # two of them, one above the other, on a 768-pixel screen
    return view


def by_grade_chart() -> QChartView:
    return _view("chartByGrade", translate("Kiosk", "Complete by grade (%)"))


def over_year_chart() -> QChartView:
    return _view("chartOverYear", translate("Kiosk", "Complete over the year (%)"))


def _reset(chart: QChart) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)


def show_by_grade(view: QChartView, rows) -> None:
    """rows: compliance.Row per grade (district-wide or one school)."""
    chart = view.chart()
    _reset(chart)
    bars = QBarSet(translate("Kiosk", "Completed %"))
    bars.append([r.percent for r in rows])
    series = QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    x = QBarCategoryAxis()
    from .models import grade_label

    x.append([grade_label(r.grade, short=True) for r in rows])
    chart.addAxis(x, Qt.AlignBottom)
    series.attachAxis(x)
    y = QValueAxis()
    y.setRange(0, 100)
    y.setLabelFormat("%d%%")
    chart.addAxis(y, Qt.AlignLeft)
    series.attachAxis(y)


def show_over_year(view: QChartView, by_month: list[tuple[str, int]], enrolled: int) -> None:
    chart = view.chart()
    _reset(chart)
    series = QLineSeries()
    for i, (_, n) in enumerate(by_month):
        series.append(i, 100 * n / enrolled if enrolled else 0)
    chart.addSeries(series)
    x = QBarCategoryAxis()  # month names as categories, one point each
    x.append([m for m, _ in by_month] or ["-"])
    chart.addAxis(x, Qt.AlignBottom)
    series.attachAxis(x)
    y = QValueAxis()
    y.setRange(0, 100)
    y.setLabelFormat("%d%%")
    chart.addAxis(y, Qt.AlignLeft)
    series.attachAxis(y)
