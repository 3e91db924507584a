namespace Swarms.Samples.Tests;

public class SamplesTests
{
    [Fact]
    public void SamplesFolder_Exists()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Swarms.Functions.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        Assert.True(Directory.Exists(Path.Combine(dir!.FullName, "samples")));
    }
}
