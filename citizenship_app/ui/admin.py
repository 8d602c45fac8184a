"""Administration: roster import, district sync, kiosk settings, staff accounts, the audit log.

Only an administrator reaches this screen. Long work (checking or importing a roster of tens
of thousands of users) runs through `ui.ops`, one job at a time; "Sync now" asks the kiosk's
sync worker for a round (`ui.sync_worker`), so it never overlaps the worker's own rounds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from . import ops
from .i18n import translate
from .messages import code_text, error_text, roster_error_text
from .widgets import FitRow, button, label, wrap_items

if TYPE_CHECKING:
    from ..core.kiosk import Kiosk


class AdminPage(QWidget):
    back_requested = Signal()

    def __init__(self, kiosk: Kiosk, sync, parent=None) -> None:
        """`sync` is the window's ui.sync_worker.SyncWorker, which runs every sync round."""
        super().__init__(parent)
        self.kiosk = kiosk
        self.sync = sync
        self.awaited_round: int | None = None  # the round "Sync now" asked for
        sync.finished.connect(self._sync_finished)
        self.setObjectName("page")
        self.pool = QThreadPool(self)  # roster jobs one at a time, in the order asked
        self.pool.setMaxThreadCount(1)
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

    def _run(self, function, then, failed) -> None:
        ops.run(self.kiosk.data_dir, function, then, failed, pool=self.pool)

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
        look = button(translate("Kiosk", "Look on USB drives"), "rosterLook", secondary=True)
        look.clicked.connect(self.find_roster_sources)
        row.addWidget(look)
        layout.addLayout(row)
        # No file browser in the locked kiosk: exports found on USB drives are offered here.
        self.roster_sources = QListWidget()
        self.roster_sources.setObjectName("rosterSources")
        self.roster_sources.setAccessibleName(translate("Kiosk", "Roster exports found on USB drives"))
        self.roster_sources.setMaximumHeight(140)
        self.roster_sources.setVisible(False)
        self.roster_sources.currentItemChanged.connect(
            lambda item, _old: item is not None and self.roster_path.setText(item.data(Qt.UserRole))
        )
        layout.addWidget(self.roster_sources)
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

    def find_roster_sources(self) -> None:
        from ..core.exports import roster_sources

        self.roster_sources.clear()
        found = roster_sources()
        for path in found:
            self.roster_sources.addItem(str(path))
            self.roster_sources.item(self.roster_sources.count() - 1).setData(Qt.UserRole, str(path))
        self.roster_sources.setVisible(bool(found))
        self.roster_status.setText(
            ""
            if found
            else translate(
                "Kiosk", "No roster export found on a USB drive. Plug one in, or type the folder's path."
            )
        )

    def check_roster(self) -> None:
        from ..core.roster import import_roster

        self.roster_import.setEnabled(False)
        self.roster_status.setText(translate("Kiosk", "Checking…"))
        self.roster_errors.clear()
        path = self.roster_path.text().strip()
        self.checked_path, self.checked = path, None
        self._run(lambda db: import_roster(db, path, dry_run=True), self._checked, self._check_failed)

    def _check_failed(self, error: ops.OpError) -> None:
        self.roster_status.setText(
            translate("Kiosk", "The check failed: {error}").format(error=ops.error_text(error))
        )

    def _checked(self, result) -> None:
        if result.errors:
            self.roster_status.setText(
                translate("Kiosk", "Problems found: {n}. Fix them in the export, then check again.").format(
                    n=len(result.errors)
                )
            )
            self.roster_errors.addItems([roster_error_text(e) for e in result.errors])
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
        from .dialogs import MessageDialog

        box = MessageDialog(
            self,
            translate("Kiosk", "Remove people from this kiosk?"),
            _removals_text(checked.removals, checked.held),
            translate("Kiosk", "Import and remove"),
            translate("Kiosk", "Cancel"),
            "rosterRemovalsBox",
            detail=translate(
                "Kiosk",
                "The roster no longer lists them. A cut-short export from the student information system "
                "looks like this: if in doubt, cancel and check the export. If they really left, import: "
                "a backup is made first, and they are kept, marked inactive, with their records; a later "
                "import that lists them again brings them back with their codes.",
            ),
            ok_name="rosterRemovalsConfirm",
            cancel_name="rosterRemovalsCancel",
        )
        box.finished.connect(lambda result: self._removals_answered(result == MessageDialog.Accepted))
        self.removals_box = box
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
        actor, path = self._reader(), self.checked_path
        self._run(
            lambda db: import_roster(db, path, allow_removals=allow_removals, actor=actor),
            self._imported,
            self._import_failed,
        )

    def _import_failed(self, error: ops.OpError) -> None:
        self.roster_status.setText(translate("Kiosk", "Nothing was imported."))
        self.roster_errors.addItems([ops.error_text(error)])

    def _imported(self, result) -> None:
        if result.refused:  # the store changed since the check: check again
            self.roster_status.setText(
                translate("Kiosk", "Nothing was imported.")
                + "\n"
                + _removals_text(result.removals, result.held)
            )
            return
        if result.errors:
            self.roster_status.setText(translate("Kiosk", "Nothing was imported."))
            self.roster_errors.addItems([roster_error_text(e) for e in result.errors])
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
        from .enroll_panel import EnrollPanel

        self.enroll_panel = EnrollPanel(self.kiosk.data_dir, self.pool)
        self.enroll_panel.enrolled.connect(self._enrolled)
        layout.addWidget(self.enroll_panel)
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
        from ..core.roster_sync import last_error as last_roster_error

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
            coded = info.get("last_error_code")
            error = code_text(*coded) if coded else info["last_error"]
            text += "\n" + translate("Kiosk", "Last problem: {error}").format(error=error)
        roster_error = last_roster_error(self.kiosk.db)
        if roster_error is not None:  # the last round's roster refresh from the hub failed
            text += "\n" + translate("Kiosk", "Roster refresh failed: {error}").format(
                error=code_text(*roster_error)
            )
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
            self.sync_state.setText(error_text(exc))
            return
        self.hub_password.clear()
        self.sync_state.setText(
            translate(
                "Kiosk", "Saved. This machine has no keyring: set CITIZENSHIP_HUB_PASSWORD for the kiosk."
            )
            if where == "environment"
            else translate("Kiosk", "Saved.")
        )

    def _enrolled(self) -> None:
        """Enrolled from this screen: the hub's address and device name as now stored."""
        from ..core.store import get_setting

        self.hub_url.setText(get_setting(self.kiosk.db, "hub_url") or "")
        self.hub_user.setText(get_setting(self.kiosk.db, "hub_username") or "")
        self.refresh_sync()
        self.refresh_managed()  # the district's settings came with the enrollment

    def sync_now(self) -> None:
        """Ask the sync worker for a round (after the one running, if any) and show its result."""
        self.sync_state.setText(translate("Kiosk", "Syncing…"))
        self.awaited_round = self.sync.request()

    def _sync_finished(self, result) -> None:
        if self.awaited_round is None or self.sync.rounds_done < self.awaited_round:
            return  # the worker's own round, or the one before ours
        self.awaited_round = None
        self.refresh_sync()
        if isinstance(result, ops.OpError):
            line = translate("Kiosk", "Sync failed: {error}").format(error=ops.error_text(result))
        else:
            line = translate("Kiosk", "This round: {sent} sent, {pulled} received.").format(
                sent=result.sent, pulled=result.pulled
            )
        self.sync_state.setText(line + "\n" + self.sync_state.text())

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
        self.managed_note = label(
            translate("Kiosk", "The settings greyed out are set by the district, at its hub."),
            "hint",
        )
        self.managed_note.setObjectName("managedNote")
        layout.addWidget(self.managed_note)
        self.refresh_managed()
        self._exports_section(layout)
        layout.addStretch(1)
        return page

    def _exports_section(self, layout) -> None:
        """Where staff exports go: IT's export folder, or a USB drive chosen here."""
        layout.addWidget(
            label(translate("Kiosk", "Exports (records, reports, certificates, cards)"), "cardTitle")
        )
        self.export_state = label("", "hint")
        self.export_state.setObjectName("exportState")
        layout.addWidget(self.export_state)
        self.drives = QListWidget()
        self.drives.setObjectName("exportDrives")
        self.drives.setAccessibleName(translate("Kiosk", "USB drives"))
        self.drives.setMaximumHeight(140)
        layout.addWidget(self.drives)
        row = FitRow()
        look = button(translate("Kiosk", "Look for USB drives"), "exportLook", secondary=True)
        look.clicked.connect(self.refresh_exports)
        self.to_drive = to_drive = button(
            translate("Kiosk", "Save exports to the selected drive"), "exportToDrive"
        )
        to_drive.clicked.connect(self.export_to_drive)
        to_folder = button(
            translate("Kiosk", "Save exports to the export folder"), "exportToFolder", secondary=True
        )
        to_folder.clicked.connect(lambda: self.export_to_drive(folder=True))
        for widget in (look, to_drive, to_folder):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh_exports()

    def refresh_exports(self) -> None:
        from ..core import exports

        self.drives.clear()
        for drive in exports.removable_media():
            self.drives.addItem(str(drive))
            self.drives.item(self.drives.count() - 1).setData(Qt.UserRole, str(drive))
        self.drives.setVisible(self.drives.count() > 0)
        self.to_drive.setVisible(self.drives.count() > 0)
        try:
            where = translate("Kiosk", "Exports are saved to {folder}").format(
                folder=exports.destination(self.kiosk.db)
            )
        except ValueError as exc:
            where = error_text(exc)
        if not self.drives.count():
            where += "\n" + translate("Kiosk", "No USB drive is plugged in.")
        self.export_state.setText(where)

    def export_to_drive(self, folder: bool = False) -> None:
        from ..core import exports

        item = None if folder else self.drives.currentItem()
        if not folder and item is None:
            self.export_state.setText(translate("Kiosk", "Pick a drive in the list first."))
            return
        exports.choose_removable(self.kiosk.db, item.data(Qt.UserRole) if item is not None else None)
        self.refresh_exports()

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
        self.refresh_managed()
        self.exit_code.setFocus()

    def refresh_managed(self) -> frozenset[str]:
        """Grey out what the district sets (core.managed_settings), showing its values."""
        from ..core.kiosk import idle_settings
        from ..core.managed_settings import managed

        keys = managed(self.kiosk.db)
        minutes, countdown = idle_settings(self.kiosk.db)
        set_by_district = translate("Kiosk", "Set by the district")
        for widget, key in (
            (self.idle_minutes, "idle-minutes"),
            (self.countdown, "countdown"),
            (self.exit_code, "exit-code"),
        ):
            widget.setEnabled(key not in keys)
            widget.setToolTip(set_by_district if key in keys else "")
        if "idle-minutes" in keys:
            self.idle_minutes.setValue(max(1, round(minutes)))
        if "countdown" in keys:
            self.countdown.setValue(countdown)
        self.managed_note.setVisible(bool(keys & {"idle-minutes", "countdown", "exit-code"}))
        return keys

    def save_kiosk(self) -> None:
        from ..core.kiosk import ExitCodeRefused, set_exit_code, set_idle_settings
        from .exit_code import refusal_text

        code = self.exit_code.text()
        managed = self.refresh_managed()  # what the district sets is not this screen's to save
        try:
            set_idle_settings(
                self.kiosk.db,
                None if "idle-minutes" in managed else float(self.idle_minutes.value()),
                None if "countdown" in managed else self.countdown.value(),
            )
            # Empty keeps the code; but a code that must be replaced cannot be kept.
            if "exit-code" not in managed and (code or self.refresh_exit_code_state()):
                set_exit_code(self.kiosk.db, code, actor=self._reader())
        except ExitCodeRefused as exc:
            self.kiosk_state.setText(refusal_text(exc.reason))
            return
        except ValueError as exc:
            self.kiosk_state.setText(error_text(exc))
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
        elif index == self.kiosk_index:
            self.refresh_managed()  # a sync round may have brought the district's settings

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
        """The log as sentences (core.audit.sentences: codes with parameters), newest first."""
        from ..core import audit

        self.audit_list.clear()
        reader = self._reader()
        try:
            if reader is None:
                raise PermissionError
            titles = {m.id: m.title for m in self.kiosk.catalog.modules.values()}
            found = audit.sentences(self.kiosk.db, reader, titles, limit=200)
        except PermissionError:
            self.audit_state.setText(translate("Kiosk", "Only an administrator may read the audit log."))
            return
        for s in found:
            self.audit_list.addItem(audit_sentence(s))
            self.audit_list.item(self.audit_list.count() - 1).setData(Qt.UserRole, s.id)
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


def audit_sentences() -> dict[str, str]:
    """The words of each core.audit.SENTENCE_CODES entry, in the reader's language."""
    return {
        "view_records": translate("Kiosk", "{who} looked at the records of {scope}"),
        "view_records_all": translate("Kiosk", "{who} looked at the records of all their schools"),
        "view_history": translate("Kiosk", "{who} looked at the history of student {student}"),
        "export_records": translate("Kiosk", "{who} exported {n} records for {scope}"),
        "export_records_all": translate("Kiosk", "{who} exported {n} records for all their schools"),
        "view_compliance": translate("Kiosk", "{who} looked at the compliance summary {year} ({n} students)"),
        "export_compliance": translate(
            "Kiosk", "{who} exported the compliance report {year} for {school} ({n} students)"
        ),
        "export_certificate": translate("Kiosk", "{who} saved a certificate for student {student}"),
        "export_family_sheet": translate("Kiosk", "{who} saved the family sheet for {module} ({language})"),
        "export_discussion": translate(
            "Kiosk", "{who} saved the discussion prompt for {module} ({language})"
        ),
        "view_class": translate("Kiosk", "{who} looked at the progress of {class_} ({n} students)"),
        "reset_code": translate("Kiosk", "{who} gave student {student} a new sign-in code"),
        "class_codes_printer": translate(
            "Kiosk", "{who} printed new sign-in cards for {class_} ({n} students)"
        ),
        "class_codes_file": translate(
            "Kiosk", "{who} saved new sign-in cards for {class_} ({n} students) as {file}"
        ),
        "assign": translate("Kiosk", "{who} assigned {module} to {class_}"),
        "assign_due": translate("Kiosk", "{who} assigned {module} to {class_}, due {due}"),
        "unassign": translate("Kiosk", "{who} withdrew {module} from {class_}"),
        "set_exit_code": translate("Kiosk", "{who} set a new exit code"),
        "import_roster": translate("Kiosk", "{who} imported the roster {file} ({n} people)"),
        "restore": translate("Kiosk", "{who} restored the records from the backup {file}"),
        "district_setting": translate("Kiosk", "The district hub set {setting} to {value}"),
        "district_exit_code": translate("Kiosk", "The district hub set a new exit code"),
        "other": translate("Kiosk", "{who}: {action}"),
    }


def audit_sentence(s) -> str:
    """One audit entry as a sentence with its local time: "Renee Tanaka exported 195
    records for Harbor View Elementary, 2 Dec 10:47"."""
    params = dict(s.params)
    params["who"] = params.get("who") or translate("Kiosk", "IT, at the command line,")
    words = audit_sentences().get(s.code, "{who}: {action}")
    text = words.format_map(_Blank(params))
    return translate("Kiosk", "{what}, {when}").format(what=text, when=_local_time(s.at))


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _local_time(iso: str) -> str:
    """ "2 Dec 10:47" in the reader's language (the year too when it is not this one)."""
    from datetime import datetime

    from PySide6.QtCore import QDateTime, QLocale

    from .i18n import current_language

    try:
        when = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    shape = "d MMM HH:mm" if when.year == datetime.now().year else "d MMM yyyy HH:mm"
    return QLocale(current_language()).toString(QDateTime.fromSecsSinceEpoch(int(when.timestamp())), shape)


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
