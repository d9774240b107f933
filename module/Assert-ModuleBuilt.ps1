# Run by the repository-root manifest before it loads the built module: one clear line instead of "Cannot find path".
if (-not (Test-Path -LiteralPath ([System.IO.Path]::Combine($PSScriptRoot, '..', 'out', 'Accounting.Integrations', 'Accounting.Integrations.dll')))) {
    throw "Accounting.Integrations is not built yet: run 'dotnet build Accounting.Integrations.sln' in $([System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..'))), then import again (or import out/Accounting.Integrations/Accounting.Integrations.psd1)."
}
