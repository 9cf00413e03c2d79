using AnnualReview.Functions.Api.Audit;

namespace AnnualReview.Functions.Api.Documents;

/// <summary>One file in the dossier and its SHA-256.</summary>
public sealed record DossierFileEntry(string Path, long Size, string Sha256);

/// <summary>
/// The audit side of the dossier: for every instance that worked for a unit of the subtree, its entry exactly as
/// <c>GET /api/audit/cycles/{id}/manifest</c> gives it (SHA-256 of the exported lines, event count, seal head).
/// </summary>
public sealed record DossierAudit(string Manifest, IReadOnlyList<ManifestEntry> Instances);

/// <summary>manifest.json of a unit's dossier: what is in the ZIP and the history it was printed from.</summary>
public sealed record DossierManifest(string CycleId, string UnitId, DateTimeOffset GeneratedAt, string Algorithm, IReadOnlyList<DossierFileEntry> Files, DossierAudit Audit);
