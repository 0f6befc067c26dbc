namespace HallSim.Cli;

/// <summary>
/// A command's outputs as one set: every file is written completely under a temporary name beside its target, then
/// the old files are set aside and the new ones moved in; on any failure the old files are put back and every
/// temporary file removed. After a failure the folder holds the complete old set; after success the complete new one.
/// </summary>
internal static class OutputFiles
{
    /// <summary>Writes the set; returns null on success, else why it could not be written (nothing changed).</summary>
    internal static string? Write(IReadOnlyList<(string Path, Action<Stream> Write)> files)
    {
        var tag = $".hallsim-{Environment.ProcessId}-{Guid.NewGuid():N}";
        var temps = new List<string>();
        var setAside = new List<(string Target, string Aside)>();
        var placed = new List<string>();
        try
        {
            foreach (var (path, write) in files)
            {
                var full = Path.GetFullPath(path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                var temp = full + tag + ".tmp";
                temps.Add(temp);
                using (var stream = File.Create(temp))
                {
                    write(stream);
                }
            }

            Program.Cancellation.ThrowIfCancellationRequested(); // interrupted before anything moved: nothing changes
            foreach (var (path, _) in files)
            {
                var full = Path.GetFullPath(path);
                if (File.Exists(full))
                {
                    var aside = full + tag + ".old";
                    File.Move(full, aside);
                    setAside.Add((full, aside));
                }
            }

            for (var i = 0; i < files.Count; i++)
            {
                var full = Path.GetFullPath(files[i].Path);
                File.Move(temps[i], full);
                placed.Add(full);
            }

            foreach (var (_, aside) in setAside)
            {
                File.Delete(aside);
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            foreach (var target in placed)
            {
                TryDelete(target);
            }

            foreach (var (target, aside) in setAside)
            {
                try
                {
                    File.Move(aside, target, overwrite: true);
                }
                catch (Exception restore) when (restore is IOException or UnauthorizedAccessException)
                {
                    // Nothing more can be done; the old file stays under its temporary name.
                }
            }

            return ex.Message;
        }
        finally
        {
            foreach (var temp in temps)
            {
                TryDelete(temp);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless and named as HallSim's.
        }
    }
}
