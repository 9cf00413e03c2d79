namespace AnnualReview.Functions.Development;

/// <summary>Someone to sign in as during development: roles, the unit at the top of their subtree, their member id.</summary>
public sealed record Persona(string Id, string Name, string Description, IReadOnlyList<string> Roles, string? Unit, string? Member);

/// <summary>
/// The body of <c>POST /dev/token</c>: a persona by id, or roles, unit and member given directly.
/// </summary>
public sealed record DevTokenRequest(string? Persona, IReadOnlyList<string>? Roles, string? Unit, string? Member, string? Name);

public sealed record DevToken(string AccessToken, string TokenType, int ExpiresIn, Persona Persona);
