; Inno Setup 6 script: the Citizenship Kiosk installer for Windows (per machine).
;
;   iscc /DAppVersion=0.1.0 packaging\windows\citizenship-kiosk.iss
;
; Packs the PyInstaller one-folder build that packaging\citizenship-kiosk.spec makes (the
; same spec and data files as the Linux package) from build\windows\dist\citizenship-kiosk.
; .github\workflows\windows-installer.yml builds and smoke-tests it on a Windows runner; it
; cannot be built or run on our Linux build machines.
;
; Silent install for Intune / SCCM / GPO (the kiosk user must exist for the folder rights and
; Shell Launcher; the task "shelllauncher" makes the kiosk that user's shell):
;   citizenship-kiosk-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /KIOSKUSER=kiosk /TASKS=shelllauncher
;
; A district signs the installer with its own certificate: iscc /DAppVersion=... /Ssigntool="signtool.exe sign /a /fd SHA256 $f" /DSign ...

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (pyproject.toml's version)
#endif
#define DistDir "..\..\build\windows\dist\citizenship-kiosk"

[Setup]
AppId={{6E1B8C52-3F0A-4D8E-9B7C-2A4F5D1C9E37}
AppName=Citizenship Kiosk
AppVersion={#AppVersion}
AppPublisher=Citizenship Kiosk
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\CitizenshipKiosk
DisableDirPage=yes
DisableProgramGroupPage=yes
DefaultGroupName=Citizenship Kiosk
; Per machine: Program Files, the machine's environment, ProgramData.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesEnvironment=yes
CloseApplications=yes
OutputDir=..\..\build\windows
OutputBaseFilename=citizenship-kiosk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
UninstallDisplayName=Citizenship Kiosk {#AppVersion}
UninstallDisplayIcon={app}\citizenship-kiosk.exe
WizardStyle=modern
#ifdef Sign
SignTool=signtool
#endif

[Tasks]
Name: "shelllauncher"; Description: "Make the kiosk the Windows shell of the kiosk user (Shell Launcher; Enterprise or Education)"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "shell-launcher.ps1"; DestDir: "{app}\tools"; Flags: ignoreversion

[Dirs]
; The records live here, not under Program Files; kept when the app is uninstalled.
Name: "{commonappdata}\CitizenshipKiosk"; Flags: uninsneveruninstall

[Registry]
; A system environment variable, so the kiosk user, a staff member at a console and a
; scheduled task all use the same records.
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; \
    ValueType: expandsz; ValueName: "CITIZENSHIP_DATA_DIR"; ValueData: "{commonappdata}\CitizenshipKiosk"; \
    Flags: preservestringtype uninsdeletevalue

[Icons]
Name: "{commonprograms}\Citizenship Kiosk"; Filename: "{app}\citizenship-kiosk.exe"

[Run]
; Student records: only SYSTEM, Administrators and the kiosk user may open the folder.
Filename: "{sys}\icacls.exe"; \
    Parameters: """{commonappdata}\CitizenshipKiosk"" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F ""{param:KIOSKUSER|kiosk}:(OI)(CI)M"""; \
    Flags: runhidden waituntilterminated; StatusMsg: "Setting the rights of the records folder..."
Filename: "powershell.exe"; \
    Parameters: "-NoProfile -ExecutionPolicy Bypass -File ""{app}\tools\shell-launcher.ps1"" -KioskUser ""{param:KIOSKUSER|kiosk}"" -Shell ""{app}\citizenship-kiosk.exe"""; \
    Flags: runhidden waituntilterminated; Tasks: shelllauncher; StatusMsg: "Registering the kiosk with Shell Launcher..."

[UninstallRun]
Filename: "powershell.exe"; \
    Parameters: "-NoProfile -ExecutionPolicy Bypass -File ""{app}\tools\shell-launcher.ps1"" -KioskUser ""{param:KIOSKUSER|kiosk}"" -Remove"; \
    Flags: runhidden waituntilterminated; RunOnceId: "RemoveShellLauncher"
