using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Swarms.Console;

/// <summary>A progress column showing <c>{received}/{expected} tokens</c>.</summary>
internal sealed class TokenCountColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:0}/{task.MaxValue:0} tokens"), new Style(Color.Grey));
}
