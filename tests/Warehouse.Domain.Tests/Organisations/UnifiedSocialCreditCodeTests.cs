using Warehouse.Domain;
using Warehouse.Domain.Organisations;

namespace Warehouse.Domain.Tests.Organisations;

public sealed class UnifiedSocialCreditCodeTests
{
    // Codes as published by their companies: their check characters are the ground truth for the algorithm.
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000100006485K")]
    [InlineData("91440300708461136T")]
    public void Real_codes_validate(string code) => Assert.Equal(code, UnifiedSocialCreditCode.Parse(code).Value);

    [Fact]
    public void Lower_case_and_spaces_are_normalised() => Assert.Equal("91110000100006485K", UnifiedSocialCreditCode.Parse(" 91110000100006485k ").Value);

    [Theory]
    [InlineData("91110000100006485J", "creditCode.checkCharacter")]
    [InlineData("91110000100006485", "creditCode.length")]
    [InlineData("91110000100006485KK", "creditCode.length")]
    [InlineData("9111000010000648IK", "creditCode.character")]
    [InlineData("", "creditCode.length")]
    public void Bad_codes_are_refused_with_the_reason(string code, string reason)
    {
        var error = Assert.Throws<DomainException>(() => UnifiedSocialCreditCode.Parse(code));
        Assert.Equal(reason, error.Code);
        Assert.Equal("creditCode", error.Field);
    }

    [Fact]
    public void Every_wrong_check_character_is_caught()
    {
        const string first17 = "91320594MA1WHK001";
        var right = UnifiedSocialCreditCode.CheckCharacter(first17);
        foreach (var c in UnifiedSocialCreditCode.Alphabet.Where(c => c != right))
            Assert.False(UnifiedSocialCreditCode.TryParse(first17 + c, out _, out _));
        Assert.True(UnifiedSocialCreditCode.TryParse(first17 + right, out _, out _));
    }

    [Fact]
    public void Complete_adds_the_check_character() => Assert.Equal("91110000100006485K", UnifiedSocialCreditCode.Complete("91110000100006485").Value);
}
