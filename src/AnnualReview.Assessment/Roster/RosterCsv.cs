using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

/// <summary>
/// The roster as CSV files (tệp CSV danh sách tổ chức và đảng viên): UTF-8, a header row, RFC 4180 quoting.
/// Columns are matched by name in any order; the formats are described in Roster/README.md.
/// </summary>
public static partial class RosterCsv
{
    private const string UnitsCollection = "units";
    private const string MembersCollection = "members";

    /// <summary>Reads a units file (id,name,kind,parent_id,email).</summary>
    public static RosterParseResult ParseUnits(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var units = new List<RosterRow<Unit>>();
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        var errors = ReadRows(reader, UnitsCollection, RosterColumns.Unit, RosterColumns.RequiredUnit, (field, position, rowErrors) =>
        {
            var unit = RosterRowBuilder.BuildUnit(field, position, rowErrors);
            if (unit is not null)
            {
                units.Add(new RosterRow<Unit>(unit, position));
            }
            else if (RosterValueParser.CleanOptional(field(RosterColumns.Id)) is { } id)
            {
                unreadable.Add(id);
            }
        });
        return new RosterParseResult(units, [], errors) { UnreadableUnitIds = unreadable };
    }

    /// <summary>Reads a members file (id,full_name,cell_id,membership,admitted_on,…; see the README).</summary>
    public static RosterParseResult ParseMembers(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var members = new List<RosterRow<Member>>();
        var errors = ReadRows(reader, MembersCollection, RosterColumns.Member, RosterColumns.RequiredMember, (field, position, rowErrors) =>
        {
            if (RosterRowBuilder.BuildMember(field, position, rowErrors) is { } member)
            {
                members.Add(new RosterRow<Member>(member, position));
            }
        });
        return new RosterParseResult([], members, errors);
    }

    private static List<RosterError> ReadRows(
        TextReader reader,
        string collection,
        IReadOnlyList<string> known,
        IReadOnlyList<string> required,
        Action<Func<string, string?>, RosterPosition, List<RosterError>> onRow)
    {
        var errors = new List<RosterError>();
        var csv = new CsvRecordReader(reader);
        var fields = new List<string>();
        if (!csv.TryRead(fields, out var headerLine))
        {
            errors.Add(ParseErrors.EmptyFile(RosterSourceFormat.Csv, collection));
            return errors;
        }

        var header = new RosterPosition(RosterSourceFormat.Csv, collection, -1, headerLine);
        var columns = ReadHeader(fields, known, required, header, errors);
        if (columns is null)
        {
            return errors;
        }

        string? Field(string column) => columns.TryGetValue(column, out var index) ? fields[index] : null;

        var rowIndex = 0;
        var position = header;
        while (csv.TryRead(fields, out var line))
        {
            position = new RosterPosition(RosterSourceFormat.Csv, collection, rowIndex++, line);
            if (fields.Count != columns.Width)
            {
                errors.Add(ParseErrors.ColumnCount(position, columns.Width, fields.Count));
                continue;
            }

            onRow(Field, position, errors);
        }

        if (csv.UnclosedQuote)
        {
            // The open quote swallowed the rest of the file into the last record, so that is where it starts.
            errors.Add(ParseErrors.UnclosedQuote(position));
        }

        return errors;
    }

    /// <summary>Maps column names to indexes; null when a required column is missing, since no row could be read.</summary>
    private static ColumnMap? ReadHeader(
        List<string> names,
        IReadOnlyList<string> known,
        IReadOnlyList<string> required,
        RosterPosition header,
        List<RosterError> errors)
    {
        var map = new ColumnMap(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i].Trim().ToLowerInvariant();
            if (!known.Contains(name))
            {
                // Strict on purpose: a misspelt optional column would otherwise be dropped without a word.
                errors.Add(ParseErrors.UnknownColumn(header, names[i].Trim()));
            }
            else if (!map.TryAdd(name, i))
            {
                errors.Add(ParseErrors.DuplicateColumn(header, name));
            }
        }

        var complete = true;
        foreach (var column in required)
        {
            if (!map.ContainsKey(column))
            {
                errors.Add(ParseErrors.MissingColumn(header, column));
                complete = false;
            }
        }

        return complete ? map : null;
    }

    private sealed class ColumnMap(int width) : Dictionary<string, int>(StringComparer.Ordinal)
    {
        public int Width { get; } = width;
    }
}
