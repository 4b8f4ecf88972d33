namespace CmsHazards.Tests;

/// <summary>The fixture sites under tests/Fixtures, copied beside the test assembly.</summary>
internal static class FixtureFiles
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));
}
