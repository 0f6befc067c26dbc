namespace HallSim;

/// <summary>
/// One rule for every CSV the project writes and reads back: a value becomes one RFC 4180 cell (quoted when it holds
/// a comma, a quote or a line break), and a text that a spreadsheet would run as a formula — starting with =, +, -, @,
/// a tab or a carriage return — gets a leading apostrophe, which <see cref="Text"/> removes again on reading.
/// </summary>
public static class CsvText
{
    /// <summary>The value as one CSV cell, neutralised against formula injection.</summary>
    /// <param name="value">Any text (null: an empty cell).</param>
    /// <returns>The cell as it goes into the file.</returns>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>A cell's text as it was before <see cref="Cell"/> neutralised it (the leading apostrophe removed).</summary>
    /// <param name="cell">The cell's text, already unquoted.</param>
    /// <returns>The original value.</returns>
    public static string Text(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length >= 2 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? cell[1..] : cell;
    }
}
