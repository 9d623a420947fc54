using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Warehouse.Api.Features.Accounts;

namespace Warehouse.Api.Platform.Auth;

/// <summary>
/// Issues the API's bearer tokens: signed JWTs naming only the user. Memberships are deliberately not in the token:
/// they are read from the database on every request, so removing a member takes effect at once.
/// </summary>
public sealed class TokenIssuer(AuthOptions options, TimeProvider clock)
{

    public (string Token, DateTimeOffset ExpiresAt) Issue(PlatformUser user)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.TokenLifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
                new Claim(JwtRegisteredClaimNames.Email, user.Email ?? ""),
                new Claim(JwtRegisteredClaimNames.Name, user.DisplayName),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
            SigningCredentials = new SigningCredentials(options.SigningKey, SecurityAlgorithms.HmacSha256),
        };
        var handler = new JwtSecurityTokenHandler();
        return (handler.WriteToken(handler.CreateToken(descriptor)), expires);
    }
}

/// <summary>Token settings from configuration section <c>Auth</c>. The signing key is required and at least 256 bits.</summary>
public sealed class AuthOptions
{
    public const string Issuer = "warehouse-api";
    public const string Audience = "warehouse";

    public required SymmetricSecurityKey SigningKey { get; init; }
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(8);

    public static AuthOptions FromConfiguration(IConfiguration configuration)
    {
        var key = configuration["Auth:SigningKey"];
        if (string.IsNullOrWhiteSpace(key))
            throw new InvalidOperationException("Auth:SigningKey is not configured (environment variable Auth__SigningKey). The run and test scripts generate one.");
        var bytes = TryBase64(key) ?? Encoding.UTF8.GetBytes(key);
        if (bytes.Length < 32)
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (256 bits).");
        return new AuthOptions
        {
            SigningKey = new SymmetricSecurityKey(bytes),
            TokenLifetime = TimeSpan.FromMinutes(configuration.GetValue("Auth:TokenLifetimeMinutes", 480)),
        };
    }

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
