using System.Text;

namespace HallSim.Tests.Support;

/// <summary>Output sets: the complete old set or the complete new one, never a mix, and no temporary file.</summary>
public class OutputFileSetTests
{
    private static (string Path, Action<Stream> Write) File(string dir, string name, string text) =>
        (System.IO.Path.Combine(dir, name), s => s.Write(Encoding.UTF8.GetBytes(text)));

    private static void InTemp(Action<string> test)
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hallsim-set-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            test(dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Read(string dir, string name) => System.IO.File.ReadAllText(System.IO.Path.Combine(dir, name));

    [Fact]
    public void Success_ReplacesEveryFile_AndLeavesNoTemporary()
    {
        InTemp(dir =>
        {
            OutputFileSet.Write([File(dir, "a.txt", "old a"), File(dir, "b.txt", "old b")]);
            var written = OutputFileSet.Write([File(dir, "a.txt", "new a"), File(dir, "b.txt", "new b"), File(dir, "sub/c.txt", "new c")]);
            Assert.Equal(3, written.Count);
            Assert.Equal(("new a", "new b", "new c"), (Read(dir, "a.txt"), Read(dir, "b.txt"), Read(dir, "sub/c.txt")));
            Assert.DoesNotContain(Directory.GetFiles(dir, "*", SearchOption.AllDirectories), f => f.Contains(".hallsim-", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void AFailureWhileWritingOrMoving_LeavesTheOldSet()
    {
        InTemp(dir =>
        {
            OutputFileSet.Write([File(dir, "a.txt", "old a"), File(dir, "b.txt", "old b")]);

            // A writer that throws: nothing moved.
            Assert.Throws<IOException>(() => OutputFileSet.Write([File(dir, "a.txt", "new a"), (System.IO.Path.Combine(dir, "b.txt"), _ => throw new IOException("disk full"))]));
            Assert.Equal(("old a", "old b"), (Read(dir, "a.txt"), Read(dir, "b.txt")));

            // A target that cannot be replaced (a folder stands there): a.txt, already moved, is put back.
            Directory.CreateDirectory(System.IO.Path.Combine(dir, "c.txt"));
            Assert.ThrowsAny<IOException>(() => OutputFileSet.Write([File(dir, "a.txt", "new a"), File(dir, "c.txt", "new c")]));
            Assert.Equal("old a", Read(dir, "a.txt"));

            // Cancelled after writing, before moving: nothing changes.
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            Assert.Throws<OperationCanceledException>(() => OutputFileSet.Write([File(dir, "a.txt", "new a")], cancelled.Token));
            Assert.Equal("old a", Read(dir, "a.txt"));
            Assert.DoesNotContain(Directory.GetFiles(dir, "*", SearchOption.AllDirectories), f => f.Contains(".hallsim-", StringComparison.Ordinal));
        });
    }
}
