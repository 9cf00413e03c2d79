namespace AnnualReview.Assessment.Roster;

/// <summary>Where a roster row came from; decides how positions and field names are shown to the user.</summary>
public enum RosterSourceFormat
{
    /// <summary>Built in code (no file): positions are list indexes, fields use the CSV column names.</summary>
    None,

    /// <summary>A CSV export (tệp CSV): positions are physical line numbers, fields are snake_case columns.</summary>
    Csv,

    /// <summary>A JSON document: positions are array paths such as "members[17]", fields are camelCase.</summary>
    Json,
}
