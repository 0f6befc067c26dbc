namespace HallSim.Cli;

/// <summary>A command's outputs as one set (<see cref="OutputFileSet"/>), with the command's cancellation.</summary>
internal static class OutputFiles
{
    /// <summary>Writes the set; returns null on success, else why it could not be written (nothing changed).</summary>
    internal static string? Write(IReadOnlyList<(string Path, Action<Stream> Write)> files)
    {
        try
        {
            OutputFileSet.Write(files, Program.Cancellation);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ex.Message;
        }
    }
}
