# Run by the repository-root manifest before it loads the built module: one clear line instead of "Cannot find path".
# Only .NET calls, no cmdlets, so that it runs in any host (a minimal hosted engine, Windows PowerShell 5.1).
$root = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..'))
if (-not [System.IO.File]::Exists([System.IO.Path]::Combine($root, 'out', 'Accounting.Integrations', 'Accounting.Integrations.dll'))) {
    throw "Accounting.Integrations is not built yet: run 'dotnet build Accounting.Integrations.sln' in $root, then import again (or import out/Accounting.Integrations/Accounting.Integrations.psd1)."
}
