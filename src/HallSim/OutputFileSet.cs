namespace HallSim;

/// <summary>
/// Files written as one set: each is written completely under a temporary name beside its target, then the old files
/// are set aside and the new ones moved in; on any failure the old files are put back and every temporary file is
/// removed. After a failure (or a cancellation before anything moved) the folders hold the complete old set, after
/// success the complete new one — never a mix, and no temporary file.
/// </summary>
public static class OutputFileSet
{
    /// <summary>Writes the set.</summary>
    /// <param name="files">Each target path (created folders included) and how to write its content.</param>
    /// <param name="cancellationToken">Checked after every file is written and before anything is moved.</param>
    /// <returns>The full paths written, in order.</returns>
    /// <exception cref="IOException">A file could not be written or moved; nothing changed.</exception>
    /// <exception cref="UnauthorizedAccessException">A file could not be written or moved; nothing changed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before anything moved; nothing changed.</exception>
    public static IReadOnlyList<string> Write(IReadOnlyList<(string Path, Action<Stream> Write)> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
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

            cancellationToken.ThrowIfCancellationRequested();
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
                TryDelete(aside);
            }

            return placed;
        }
        catch
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

            throw;
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
