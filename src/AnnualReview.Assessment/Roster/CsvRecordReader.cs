using System.Text;

namespace AnnualReview.Assessment.Roster;

/// <summary>
/// Reads RFC 4180 records: comma separated, fields optionally in double quotes, "" for a quote inside, line
/// breaks allowed inside quotes. Keeps the physical line where each record starts, which is the number users
/// see in a text editor or in Excel's row header.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader reader;
    private readonly char[] buffer = new char[16384];
    private readonly StringBuilder field = new();
    private int length;
    private int next;
    private int line = 1;
    private bool first = true;

    public CsvRecordReader(TextReader reader) => this.reader = reader;

    /// <summary>True when the last record ended inside an open quote (the file is cut or a quote is stray).</summary>
    public bool UnclosedQuote { get; private set; }

    /// <summary>Reads the next record; false at the end. Blank lines are skipped.</summary>
    public bool TryRead(List<string> fields, out int startLine)
    {
        while (true)
        {
            fields.Clear();
            startLine = line;
            if (Peek() < 0)
            {
                return false;
            }

            ReadRecord(fields);
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            return true;
        }
    }

    private void ReadRecord(List<string> fields)
    {
        field.Clear();
        var quoted = false;
        var inQuotes = false;
        while (true)
        {
            var c = Read();
            if (c < 0)
            {
                UnclosedQuote |= inQuotes;
                fields.Add(field.ToString());
                return;
            }

            if (inQuotes)
            {
                if (c == '"')
                {
                    if (Peek() == '"')
                    {
                        Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    CountLine(c);
                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !quoted:
                    quoted = true;
                    inQuotes = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    quoted = false;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && Peek() == '\n')
                    {
                        Read();
                    }

                    line++;
                    fields.Add(field.ToString());
                    return;
                default:
                    // Lenient on a stray quote inside an unquoted field: keep it as text, as Excel does.
                    field.Append((char)c);
                    break;
            }
        }
    }

    private void CountLine(int c)
    {
        if (c == '\n' || (c == '\r' && Peek() != '\n'))
        {
            line++;
        }
    }

    private int Peek()
    {
        if (next >= length && !Fill())
        {
            return -1;
        }

        return buffer[next];
    }

    private int Read()
    {
        var c = Peek();
        if (c >= 0)
        {
            next++;
        }

        return c;
    }

    private bool Fill()
    {
        length = reader.Read(buffer, 0, buffer.Length);
        next = 0;
        if (first && length > 0)
        {
            first = false;
            // A BOM survives when the caller's reader did not detect the encoding (e.g. a StringReader).
            if (buffer[0] == '\uFEFF')
            {
                next = 1;
                return next < length || Fill();
            }
        }

        return next < length;
    }
}
