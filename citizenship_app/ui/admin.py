"""Administration: roster import, district sync, kiosk settings, staff accounts, the audit log.

Only an administrator reaches this screen. Long work (checking or importing a roster of tens
of thousands of users, a sync round) runs in a pool thread on its own database connection.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .i18n import translate
from .widgets import FitRow, button, label, wrap_items


class _Signals(QObject):
    done = Signal(object)


class _Job(QRunnable):
    """Run `function(db, *args)` on a fresh connection to the kiosk's store."""

    def __init__(self, data_dir, function, *args) -> None:
        super().__init__()
        self.data_dir, self.function, self.args = data_dir, function, args
        self.signals = _Signals()

    def run(self) -> None:
        from ..core.store import open_store

        db = open_store(self.data_dir)
        try:
            result = self.function(db, *self.args)
        except Exception as exc:  # shown on screen, never a crash
            result = exc
        finally:
            db.conn.close()
        self.signals.done.emit(result)


class AdminPage(QWidget):
    back_requested = Signal()

    def __init__(self, kiosk, parent=None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.setObjectName("page")
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.jobs: list[_Job] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 20, 48, 24)
        top = QHBoxLayout()
        top.addWidget(label(translate("Kiosk", "Administration"), "pageTitle"), 1)
        from ..version import version  # which build this machine runs, for IT

        top.addWidget(label(f"Citizenship Kiosk {version()}", "adminVersion", wrap=False))
        back = button(translate("Kiosk", "Done"), "adminBack", secondary=True)
        back.clicked.connect(self.back_requested)
        top.addWidget(back)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.tabs.tabBar().setAccessibleName(translate("Kiosk", "Administration sections"))
        for page, title in (
            (self._roster_tab(), translate("Kiosk", "Roster")),
            (self._sync_tab(), translate("Kiosk", "District sync")),
            (self._kiosk_tab(), translate("Kiosk", "Kiosk")),
            (self._staff_tab(), translate("Kiosk", "Staff")),
            (self._audit_tab(), translate("Kiosk", "Audit log")),
        ):
            area = QScrollArea()
            area.setObjectName("adminSection")
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.NoFrame)
            area.setWidget(page)
            self.tabs.addTab(area, title)
        self.audit_index = self.tabs.count() - 1
        self.kiosk_index = 2
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)

    def _run(self, function, *args, then) -> None:
        job = _Job(self.kiosk.data_dir, function, *args)
        job.signals.done.connect(then)
        job.signals.done.connect(lambda _r, j=job: self.jobs.remove(j))
        self.jobs.append(job)  # keep the signals object alive until it has spoken
        self.pool.start(job)

    # -- roster -----------------------------------------------------------------------------

    def _roster_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            label(
                translate(
                    "Kiosk",
                    "Import a OneRoster 1.1 (or 1.2) CSV export: a folder or a .zip. "
                    "Check it first; nothing is imported while there is any error.",
                ),
                "hint",
            )
        )
        row = QHBoxLayout()
        self.roster_path = QLineEdit()
        self.roster_path.setObjectName("rosterPath")
        self.roster_path.setAccessibleName(translate("Kiosk", "Roster folder or zip file"))
        self.roster_path.setProperty("form", True)
        row.addWidget(self.roster_path, 1)
        folder = button(translate("Kiosk", "Folder…"), "rosterFolder", secondary=True)
        folder.clicked.connect(self._choose_folder)
        archive = button(translate("Kiosk", "Zip file…"), "rosterZip", secondary=True)
        archive.clicked.connect(self._choose_zip)
        row.addWidget(folder)
        row.addWidget(archive)
        layout.addLayout(row)
        actions = QHBoxLayout()
        self.roster_check = button(translate("Kiosk", "Check"), "rosterCheck")
        self.roster_check.clicked.connect(self.check_roster)
        self.roster_import = button(translate("Kiosk", "Import"), "rosterImport")
        self.roster_import.setEnabled(False)
        self.roster_import.clicked.connect(self.import_roster)
        actions.addWidget(self.roster_check)
        actions.addWidget(self.roster_import)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.roster_status = label("", "hint")
        self.roster_status.setObjectName("rosterStatus")
        layout.addWidget(self.roster_status)
        self.roster_errors = QListWidget()
        self.roster_errors.setObjectName("rosterErrors")
        self.roster_errors.setAccessibleName(translate("Kiosk", "Problems found in the roster"))
        wrap_items(self.roster_errors)
        layout.addWidget(self.roster_errors, 1)
        return page

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, translate("Kiosk", "Roster folder"), options=QFileDialog.DontUseNativeDialog
        )
        if path:
            self.roster_path.setText(path)

    def _choose_zip(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("Kiosk", "Roster zip"),
            filter=translate("Kiosk", "OneRoster zip") + " (*.zip)",
            options=QFileDialog.DontUseNativeDialog,
        )
        if path:
            self.roster_path.setText(path)

    def check_roster(self) -> None:
        from ..core.roster import import_roster

        self.roster_import.setEnabled(False)
        self.roster_status.setText(translate("Kiosk", "Checking…"))
        self.roster_errors.clear()
        path = self.roster_path.text().strip()
        self.checked_path, self.checked = path, None
        self._run(lambda db, p: import_roster(db, p, dry_run=True), path, then=self._checked)

    def _checked(self, result) -> None:
        if isinstance(result, Exception):
            self.roster_status.setText(translate("Kiosk", "The check failed: {error}").format(error=result))
            return
        if result.errors:
            self.roster_status.setText(
                translate("Kiosk", "Problems found: {n}. Fix them in the export, then check again.").format(
                    n=len(result.errors)
                )
            )
            self.roster_errors.addItems([str(e) for e in result.errors])
            return
        self.checked = result
        text = translate("Kiosk", "Ready to import: ") + _counts(result.imported)
        if any(result.removals.values()):
            text += "\n" + _removals_text(result.removals, result.held)
        self.roster_status.setText(text)
        self.roster_import.setEnabled(True)

    def import_roster(self) -> None:
        """Import what was checked; if it removes anyone, ask first, with the check's numbers."""
        checked = getattr(self, "checked", None)
        if checked is not None and checked.needs_permission:
            self.confirm_removals(checked)
            return
        self._start_import(allow_removals=False)

    def confirm_removals(self, checked) -> None:
        """A confirmation naming the numbers, opened without blocking (accepted: import)."""
        box = QMessageBox(
            QMessageBox.Warning,
            translate("Kiosk", "Remove people from this kiosk?"),
            _removals_text(checked.removals, checked.held),
            QMessageBox.NoButton,
            self,
        )
        box.setObjectName("rosterRemovalsBox")
        box.setInformativeText(
            translate(
                "Kiosk",
                "The roster no longer lists them. A cut-short export from the student information system "
                "looks like this: if in doubt, cancel and check the export. If they really left, import: "
                "a backup is made first, and they are kept, marked inactive, with their records; a later "
                "import that lists them again brings them back with their codes.",
            )
        )
        remove = button(translate("Kiosk", "Import and remove"), "rosterRemovalsConfirm")
        cancel = button(translate("Kiosk", "Cancel"), "rosterRemovalsCancel", secondary=True)
        box.addButton(remove, QMessageBox.AcceptRole)
        box.addButton(cancel, QMessageBox.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.finished.connect(lambda _r: self._removals_answered(box.clickedButton() is remove))
        # PySide leaves the buttons owned by Python: keep them alive as long as the box.
        self.removals_box, self._removals_buttons = box, (remove, cancel)
        box.open()

    def _removals_answered(self, confirmed: bool) -> None:
        if confirmed:
            self._start_import(allow_removals=True)
        else:
            self.roster_status.setText(translate("Kiosk", "Nothing was imported."))

    def _start_import(self, allow_removals: bool) -> None:
        from ..core.roster import import_roster

        self.roster_import.setEnabled(False)
        self.roster_status.setText(translate("Kiosk", "Importing…"))
        actor = self._reader()
        self._run(
            lambda db, p: import_roster(db, p, allow_removals=allow_removals, actor=actor),
            self.checked_path,
            then=self._imported,
        )

    def _imported(self, result) -> None:
        if isinstance(result, Exception):
            self.roster_status.setText(translate("Kiosk", "Nothing was imported."))
            self.roster_errors.addItems([str(result)])
            return
        if result.refused:  # the store changed since the check: check again
            self.roster_status.setText(
                translate("Kiosk", "Nothing was imported.")
                + "\n"
                + _removals_text(result.removals, result.held)
            )
            return
        if result.errors:
            self.roster_status.setText(translate("Kiosk", "Nothing was imported."))
            self.roster_errors.addItems([str(e) for e in result.errors])
            return
        text = translate("Kiosk", "Imported: ") + _counts(result.imported)
        if any(result.removals.values()):
            text += "\n" + translate("Kiosk", "Marked inactive: {counts}. Backup: {file}").format(
                counts=_counts({k: n for k, n in result.removals.items() if n}),
                file=result.backup.name if result.backup else "-",
            )
        if self.refresh_exit_code_state():  # a real roster over the demo's public exit code
            text += "\n" + self.exit_code_state.text()
        self.roster_status.setText(text)

    # -- sync -------------------------------------------------------------------------------

    def _sync_tab(self) -> QWidget:
        from ..core.store import get_setting

        page = QWidget()
        layout = QVBoxLayout(page)
        form = _form()
        self.hub_url = QLineEdit(get_setting(self.kiosk.db, "hub_url") or "")
        self.hub_url.setObjectName("hubUrl")
        self.hub_user = QLineEdit(get_setting(self.kiosk.db, "hub_username") or "")
        self.hub_user.setObjectName("hubUser")
        self.hub_password = QLineEdit()
        self.hub_password.setObjectName("hubPassword")
        self.hub_password.setEchoMode(QLineEdit.Password)
        for field, name in (
            (self.hub_url, translate("Kiosk", "Hub xAPI address")),
            (self.hub_user, translate("Kiosk", "Device username")),
            (self.hub_password, translate("Kiosk", "Device password")),
        ):
            field.setAccessibleName(name)
            field.setProperty("form", True)
            form.addRow(label(name), field)
        layout.addLayout(form)
        row = QHBoxLayout()
        save = button(translate("Kiosk", "Save"), "hubSave")
        save.clicked.connect(self.save_hub)
        now = button(translate("Kiosk", "Sync now"), "syncNow", secondary=True)
        now.clicked.connect(self.sync_now)
        row.addWidget(save)
        row.addWidget(now)
        row.addStretch(1)
        layout.addLayout(row)
        self.sync_state = label("", "hint")
        self.sync_state.setObjectName("syncState")
        layout.addWidget(self.sync_state)
        layout.addWidget(
            label(translate("Kiosk", "Records the hub refused (never retried on their own):"), "hint")
        )
        self.quarantine = QListWidget()
        self.quarantine.setObjectName("quarantine")
        self.quarantine.setAccessibleName(translate("Kiosk", "Records the hub refused"))
        wrap_items(self.quarantine)
        layout.addWidget(self.quarantine, 1)
        release = button(
            translate("Kiosk", "Send the selected record again"), "releaseQuarantined", secondary=True
        )
        release.clicked.connect(self.release_selected)
        layout.addWidget(release, 0, Qt.AlignLeft)
        self.refresh_sync()
        return page

    def refresh_sync(self) -> None:
        from ..core.outbox import quarantined, status

        info = status(self.kiosk.db)
        text = translate(
            "Kiosk", "{waiting} waiting, {sent} sent, {refused} refused; last sync: {when}"
        ).format(
            waiting=info["pending"],
            sent=info["sent"],
            refused=info["quarantined"],
            when=info["last_sync"] or translate("Kiosk", "never"),
        )
        if info["last_error"]:
            text += "\n" + translate("Kiosk", "Last problem: {error}").format(error=info["last_error"])
        self.sync_state.setText(text)
        self.quarantine.clear()
        for row in quarantined(self.kiosk.db):
            self.quarantine.addItem(f"{row['created_at']}  {row['kind']}  {row['id']}: {row['reason']}")
            self.quarantine.item(self.quarantine.count() - 1).setData(Qt.UserRole, row["id"])

    def save_hub(self) -> None:
        from ..core.sync import ConfigError, save_config

        try:
            where = save_config(
                self.kiosk.db,
                self.hub_url.text().strip(),
                self.hub_user.text().strip(),
                self.hub_password.text() or None,
            )
        except ConfigError as exc:
            self.sync_state.setText(str(exc))
            return
        self.hub_password.clear()
        self.sync_state.setText(
            translate(
                "Kiosk", "Saved. This machine has no keyring: set CITIZENSHIP_HUB_PASSWORD for the kiosk."
            )
            if where == "environment"
            else translate("Kiosk", "Saved.")
        )

    def sync_now(self) -> None:
        from ..core.sync import sync_once

        self.sync_state.setText(translate("Kiosk", "Syncing…"))
        self._run(sync_once, then=lambda _result: self.refresh_sync())

    def release_selected(self) -> None:
        from ..core.outbox import release_quarantined

        item = self.quarantine.currentItem()
        if item is not None:
            release_quarantined(self.kiosk.db, item.data(Qt.UserRole))
            self.refresh_sync()

    # -- kiosk ------------------------------------------------------------------------------

    def _kiosk_tab(self) -> QWidget:
        from ..core.kiosk import idle_settings

        page = QWidget()
        layout = QVBoxLayout(page)
        form = _form()
        minutes, countdown = idle_settings(self.kiosk.db)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(1, 120)
        self.idle_minutes.setValue(max(1, round(minutes)))
        self.idle_minutes.setAccessibleName(translate("Kiosk", "Minutes without input before sign-out"))
        self.countdown = QSpinBox()
        self.countdown.setObjectName("idleCountdown")
        self.countdown.setRange(5, 300)
        self.countdown.setValue(countdown)
        self.countdown.setAccessibleName(translate("Kiosk", "Seconds of countdown"))
        self.exit_code = QLineEdit()
        self.exit_code.setObjectName("newExitCode")
        self.exit_code.setEchoMode(QLineEdit.Password)
        self.exit_code.setAccessibleName(translate("Kiosk", "New staff exit code"))
        self.exit_code.setProperty("form", True)
        form.addRow(
            label(translate("Kiosk", "Sign students out after (minutes without input)")), self.idle_minutes
        )
        form.addRow(label(translate("Kiosk", "Countdown before sign-out (seconds)")), self.countdown)
        form.addRow(label(translate("Kiosk", "New exit code (leave empty to keep)")), self.exit_code)
        layout.addLayout(form)
        save = button(translate("Kiosk", "Save kiosk settings"), "kioskSave")
        save.clicked.connect(self.save_kiosk)
        layout.addWidget(save, 0, Qt.AlignLeft)
        self.kiosk_state = label("", "hint")
        self.kiosk_state.setObjectName("kioskState")
        layout.addWidget(self.kiosk_state)
        # What the exit code allows (core.kiosk.exit_code_status), said while IT has to act.
        self.exit_code_state = label("", "error")
        self.exit_code_state.setObjectName("exitCodeState")
        layout.addWidget(self.exit_code_state)
        self.refresh_exit_code_state()
        layout.addStretch(1)
        return page

    def refresh_exit_code_state(self) -> str | None:
        """Show what IT must do about the exit code; the status code when it blocks students."""
        from ..core.kiosk import EXIT_CODE_BLOCKING, exit_code_status
        from .exit_code import status_text

        status = exit_code_status(self.kiosk.db)
        self.exit_code_state.setText(status_text(status))
        self.exit_code_state.setVisible(bool(self.exit_code_state.text()))
        return status if status in EXIT_CODE_BLOCKING else None

    def show_kiosk_tab(self) -> None:
        self.tabs.setCurrentIndex(self.kiosk_index)
        self.refresh_exit_code_state()
        self.exit_code.setFocus()

    def save_kiosk(self) -> None:
        from ..core.kiosk import ExitCodeRefused, set_exit_code, set_idle_settings
        from .exit_code import refusal_text

        code = self.exit_code.text()
        try:
            set_idle_settings(self.kiosk.db, float(self.idle_minutes.value()), self.countdown.value())
            # Empty keeps the code; but a code that must be replaced cannot be kept.
            if code or self.refresh_exit_code_state():
                set_exit_code(self.kiosk.db, code, actor=self._reader())
        except ExitCodeRefused as exc:
            self.kiosk_state.setText(refusal_text(exc.reason))
            return
        except ValueError as exc:
            self.kiosk_state.setText(str(exc).capitalize() + ".")
            return
        finally:
            self.exit_code.clear()
        self.refresh_exit_code_state()
        self.kiosk_state.setText(
            translate("Kiosk", "Saved. The new idle time applies from the next sign-in.")
        )

    # -- staff ------------------------------------------------------------------------------

    def _staff_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            label(
                translate(
                    "Kiosk",
                    "Give a staff member a one-time code to set their first (or a "
                    "forgotten) password, or mark them as a counselor.",
                ),
                "hint",
            )
        )
        form = _form()
        self.staff_username = QLineEdit()
        self.staff_username.setObjectName("staffUsername")
        self.staff_username.setAccessibleName(translate("Kiosk", "Staff username"))
        self.staff_username.setProperty("form", True)
        form.addRow(label(translate("Kiosk", "Username")), self.staff_username)
        layout.addLayout(form)
        row = FitRow()
        issue = button(translate("Kiosk", "Issue one-time code"), "issueCode")
        issue.clicked.connect(self.issue_code)
        counselor = button(translate("Kiosk", "Mark as counselor"), "markCounselor", secondary=True)
        counselor.clicked.connect(lambda: self.mark_counselor(True))
        uncounselor = button(translate("Kiosk", "Not a counselor"), "unmarkCounselor", secondary=True)
        uncounselor.clicked.connect(lambda: self.mark_counselor(False))
        for widget in (issue, counselor, uncounselor):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.staff_state = label("", "cardTitle")
        self.staff_state.setObjectName("staffState")
        self.staff_state.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.staff_state)
        layout.addStretch(1)
        return page

    def issue_code(self) -> None:
        from ..core.auth import issue_one_time_code

        try:
            code = issue_one_time_code(self.kiosk.db, self.staff_username.text().strip())
        except KeyError:
            self.staff_state.setText(translate("Kiosk", "No staff member with that username on this kiosk."))
            return
        # Shown once, never stored: the administrator passes it on in person.
        self.staff_state.setText(translate("Kiosk", "One-time code: {code}").format(code=code))

    def mark_counselor(self, on: bool) -> None:
        from ..core.auth import set_counselor

        try:
            set_counselor(self.kiosk.db, self.staff_username.text().strip(), on)
        except KeyError:
            self.staff_state.setText(translate("Kiosk", "No staff member with that username on this kiosk."))
            return
        self.staff_state.setText(translate("Kiosk", "Saved."))

    # -- audit log --------------------------------------------------------------------------

    def _audit_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            label(translate("Kiosk", "Who viewed or exported student records, newest first."), "hint")
        )
        self.audit_list = QListWidget()
        self.audit_list.setObjectName("auditLog")
        self.audit_list.setAccessibleName(translate("Kiosk", "Audit log entries"))
        wrap_items(self.audit_list)
        layout.addWidget(self.audit_list, 1)
        row = QHBoxLayout()
        refresh = button(
            translate("Kiosk", "Refresh"),
            "auditRefresh",
            secondary=True,
            accessible=translate("Kiosk", "Refresh the audit log"),
        )
        refresh.clicked.connect(self.refresh_audit)
        row.addWidget(refresh)
        self.audit_state = label("", "hint")
        self.audit_state.setObjectName("auditState")
        row.addWidget(self.audit_state, 1)
        layout.addLayout(row)
        return page

    def _tab_changed(self, index: int) -> None:
        if index == self.audit_index:
            self.refresh_audit()

    def clear_messages(self) -> None:
        """At sign-out: what this screen said to the last administrator goes (a roster's
        errors name files and lines of student data)."""
        for state in (self.roster_status, self.kiosk_state, self.audit_state):
            state.clear()
        self.roster_errors.clear()

    def _reader(self):
        """The signed-in administrator (the window's person), or None."""
        person = getattr(self.window(), "person", None)
        return getattr(person, "id", None)

    def refresh_audit(self) -> None:
        from ..core import audit

        self.audit_list.clear()
        reader = self._reader()
        try:
            if reader is None:
                raise PermissionError
            found = audit.entries(self.kiosk.db, reader, limit=200)
        except PermissionError:
            self.audit_state.setText(translate("Kiosk", "Only an administrator may read the audit log."))
            return
        names = dict(
            self.kiosk.db.execute(
                "SELECT sourced_id, given_name || ' ' || family_name FROM people WHERE role != 'student'"
            ).fetchall()
        )
        for e in found:
            who = names.get(e.actor, e.actor)
            detail = json.dumps(e.detail, sort_keys=True, ensure_ascii=False) if e.detail is not None else ""
            text = "  ".join(
                part for part in (_local_time(e.at), who, e.action, e.subject or "", detail) if part
            )
            self.audit_list.addItem(text)
            self.audit_list.item(self.audit_list.count() - 1).setData(Qt.UserRole, e.id)
        self.audit_state.setText(
            translate("Kiosk", "Entries shown: {n}").format(n=len(found))
            if found
            else translate("Kiosk", "No entries yet.")
        )


def _form() -> QFormLayout:
    """A form with each question above its field, the question wrapping: at the largest
    text, in Spanish, a question is as wide as a 1024-pixel screen."""
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.WrapAllRows)
    return form


def _local_time(iso: str) -> str:
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def _counts(imported: dict[str, int]) -> str:
    return ", ".join(f"{n} {name}" for name, n in imported.items())


def _removals_text(removals: dict[str, int], held: dict[str, int]) -> str:
    """What an import would remove, in the screen's language, with the numbers."""
    return translate(
        "Kiosk",
        "This import would remove {people} of the {all_people} people, {classes} of the "
        "{all_classes} classes and {enrollments} of the {all_enrollments} enrollments "
        "this kiosk holds.",
    ).format(
        people=removals.get("users", 0),
        all_people=held.get("users", 0),
        classes=removals.get("classes", 0),
        all_classes=held.get("classes", 0),
        enrollments=removals.get("enrollments", 0),
        all_enrollments=held.get("enrollments", 0),
    )
