; Folio: additions to electron-builder's NSIS installer (included via nsis.include in electron-builder.yml).
;
; /POLICY=<file>  (per-machine installs only) copies an IT policy file to
;                 %ProgramData%\Folio\policy.json, so one silent command installs and configures:
;                   Folio-Setup-1.0.0-x64.exe /S /allusers /POLICY=\\server\share\folio-policy.json
;                 The file is validated by Folio at start (docs/it.md, "Policy file").
; Uninstall keeps user data unless --delete-app-data is given (electron-builder's own switch);
; the machine policy file is never removed by an uninstall.

!include "FileFunc.nsh"

!macro customInstall
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/POLICY=" $R1
  ${IfNot} ${Errors}
    ${If} $installMode == "all"
      ReadEnvStr $R2 PROGRAMDATA
      CreateDirectory "$R2\Folio"
      ClearErrors
      CopyFiles /SILENT "$R1" "$R2\Folio\policy.json"
      ${If} ${Errors}
        DetailPrint "Folio: could not copy the policy file $R1 to $R2\Folio\policy.json"
        SetErrorLevel 2
      ${EndIf}
    ${Else}
      DetailPrint "Folio: /POLICY is only applied to per-machine installs (/allusers); ignored"
    ${EndIf}
  ${EndIf}
!macroend
