namespace Swarms.Cli.Tests;

public class CliSmokeTests
{
    [Fact]
    public void SwarmsAssembly_IsBuiltBesideTheTests()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "swarms.dll")));
    }
}
