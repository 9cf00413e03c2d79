namespace AnnualReview.Functions.Api.Documents;

/// <summary>One built document: its file name in a download or in the dossier, and its bytes.</summary>
public sealed record DocumentFile(string Path, byte[] Content)
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public string FileName => System.IO.Path.GetFileName(Path);

    public IResult ToResult() => Results.File(Content, DocxType, FileName);
}
