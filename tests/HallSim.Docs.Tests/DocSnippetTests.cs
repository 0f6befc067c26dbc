using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HallSim.Docs.Tests;

/// <summary>
/// Docs that cannot rot: every ```csharp block of README.md and docs/*.md is compiled as a program (top-level
/// statements, the SDK's implicit usings) against the HallSim assemblies and run. A block preceded by the line
/// <c>&lt;!-- fragment --&gt;</c> is an excerpt of a larger program and is skipped — and counted, so that fragments
/// stay the exception.
/// </summary>
[Collection("Console")] // the snippets write to Console; they run one at a time
public class DocSnippetTests
{
    private static readonly string[] ImplicitUsings = ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Threading", "System.Threading.Tasks"];

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HallSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("HallSim.sln not found");
    }

    private static IEnumerable<(string File, int Line, string Code, bool Fragment)> Blocks()
    {
        var root = Root();
        var files = new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").OrderBy(f => f, StringComparer.Ordinal));
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim() != "```csharp")
                {
                    continue;
                }

                var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
                var fragment = i > 0 && lines[i - 1].Trim() == "<!-- fragment -->";
                yield return (Path.GetRelativePath(root, file), i + 1, string.Join("\n", lines[(i + 1)..end]), fragment);
                i = end;
            }
        }
    }

    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (var b in Blocks().Where(b => !b.Fragment))
        {
            data.Add(b.File, b.Line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public async Task Snippet_CompilesAndRuns(string file, int line)
    {
        var code = Blocks().Single(b => b.File == file && b.Line == line).Code;
        var tree = CSharpSyntaxTree.ParseText(string.Concat(ImplicitUsings.Select(u => $"global using {u};\n")) + code, new CSharpParseOptions(LanguageVersion.Latest), path: $"{file}:{line}");
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(p => !p.Contains("xunit", StringComparison.OrdinalIgnoreCase))
            .GroupBy(Path.GetFileName).Select(g => g.First())
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create($"snippet_{Path.GetFileNameWithoutExtension(file)}_{line}", [tree], references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, $"{file}:{line} does not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        image.Position = 0;
        var context = new AssemblyLoadContext($"{file}:{line}", isCollectible: true);
        var previous = Console.Out;
        var output = new StringWriter();
        try
        {
            Console.SetOut(output);
            var entry = context.LoadFromStream(image).EntryPoint!;
            var result = entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
            if (result is Task task)
            {
                await task;
            }
        }
        catch (TargetInvocationException e)
        {
            Assert.Fail($"{file}:{line} threw {e.InnerException}");
        }
        finally
        {
            Console.SetOut(previous);
            context.Unload();
        }

        Assert.DoesNotContain("NaN", output.ToString());
    }

    [Fact]
    public void Fragments_AreFew()
    {
        var blocks = Blocks().ToList();
        Assert.True(blocks.Count(b => b.Fragment) <= blocks.Count(b => !b.Fragment), "most code blocks in the docs must be whole programs that run");
    }
}
