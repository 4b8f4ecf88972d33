using Microsoft.Build.Locator;

namespace CmsHazards.Cli.Evaluation;

/// <summary>
/// Finds the MSBuild of the .NET SDK that <c>dotnet</c> uses here (global.json included), as <c>dotnet build</c>
/// would. It must be registered before any Microsoft.Build type is loaded, for the runtime binds those assemblies
/// once: so it runs first in <see cref="Program.Run"/>, and every method that touches MSBuild types lives in
/// <see cref="MsBuildEvaluator"/>, which is reached only after this.
/// </summary>
internal static class MsBuildRegistration
{
    private static readonly object Gate = new();
    private static bool _tried;
    private static string? _problem;

    /// <summary>Null when MSBuild is registered; otherwise why projects are read without it.</summary>
    public static string? Problem
    {
        get
        {
            EnsureRegistered();
            return _problem;
        }
    }

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_tried) return;
            _tried = true;
            try
            {
                if (!MSBuildLocator.IsRegistered) MSBuildLocator.RegisterDefaults();
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or BadImageFormatException)
            {
                _problem = "no .NET SDK with MSBuild was found (" + e.Message.TrimEnd('.') + ")";
            }
        }
    }
}
