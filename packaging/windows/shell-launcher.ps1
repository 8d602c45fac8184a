<#
.SYNOPSIS
  Make the kiosk the Windows shell of one user with Shell Launcher (or undo it).

.DESCRIPTION
  Uses the WESL_UserSetting WMI class as Microsoft documents it for Shell Launcher
  (https://learn.microsoft.com/windows/configuration/shell-launcher/): the kiosk user gets
  citizenship-kiosk.exe instead of Explorer, restarted when it exits (a crash or a staff
  exit); every other user keeps Explorer. Shell Launcher needs Windows 10/11 Enterprise or
  Education (IoT Enterprise too); the feature is enabled here if it is off, which needs a
  restart. The installer runs this with the "shelllauncher" task; it can be run by hand:

    powershell -ExecutionPolicy Bypass -File shell-launcher.ps1 -KioskUser kiosk -Shell "C:\Program Files\CitizenshipKiosk\citizenship-kiosk.exe"
    powershell -ExecutionPolicy Bypass -File shell-launcher.ps1 -KioskUser kiosk -Remove
#>
param(
    [Parameter(Mandatory = $true)] [string] $KioskUser,
    [string] $Shell,
    [switch] $Remove
)
$ErrorActionPreference = "Stop"

$restartShell = 0  # DefaultAction: restart the shell when it exits

function Get-UserSid([string] $name) {
    $account = New-Object System.Security.Principal.NTAccount($name)
    return $account.Translate([System.Security.Principal.SecurityIdentifier]).Value
}

$feature = Get-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -ErrorAction SilentlyContinue
if ($null -eq $feature) {
    Write-Error "Shell Launcher is not available on this edition of Windows (it needs Enterprise or Education)."
}
if ($feature.State -ne "Enabled") {
    if ($Remove) { exit 0 }
    Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart | Out-Null
    Write-Output "Shell Launcher was enabled; restart Windows, then run this script again."
    exit 3010  # ERROR_SUCCESS_REBOOT_REQUIRED: Intune and SCCM read it as "restart needed"
}

$launcher = [wmiclass]"\\localhost\root\standardcimv2\embedded:WESL_UserSetting"
$sid = Get-UserSid $KioskUser

if ($Remove) {
    $launcher.RemoveCustomShell($sid) | Out-Null
    Write-Output "The kiosk is no longer the shell of $KioskUser."
    exit 0
}

if (-not (Test-Path -LiteralPath $Shell)) { Write-Error "No kiosk at $Shell." }
# Everyone else keeps Explorer; the kiosk user gets the kiosk, restarted whenever it exits.
$launcher.SetDefaultShell("explorer.exe", $restartShell) | Out-Null
$launcher.SetCustomShell($sid, $Shell, ($null), ($null), $restartShell) | Out-Null
$launcher.SetEnabled($true) | Out-Null
Write-Output "The kiosk is now the shell of $KioskUser; it takes effect at that user's next sign-in."
