using Warehouse.Domain.Warehouses;

namespace Warehouse.Domain.Tests.Warehouses;

public sealed class AddressSimilarityTests
{
    [Theory]
    [InlineData("Am Hafen 12, 47059 Duisburg", "am hafen 12 47059 duisburg")]
    [InlineData("Jebel Ali Free Zone, Plot S3-07", "JEBEL ALI FREE ZONE PLOT S3 07")]
    [InlineData("迪拜杰贝阿里自贸区S3区7号", "迪拜杰贝阿里自贸区 S3 区 7 号")]
    [InlineData("ul. Logistyczna １２, Łódź", "ul. Logistyczna 12, Łódź")] // full-width digits fold
    public void Same_address_written_differently_scores_one(string a, string b)
        => Assert.Equal(1.0, AddressSimilarity.Score(a, b));

    [Theory]
    [InlineData("Am Hafen 12, 47059 Duisburg", "Am Hafen 12, 47059 Duisburg, Germany")]
    [InlineData("Jebel Ali Free Zone Plot S3-07", "Dubai, Jebel Ali Free Zone Plot S3-07")]
    [InlineData("迪拜杰贝阿里自贸区S3区7号", "迪拜杰贝阿里自贸区S3区7号仓")]
    [InlineData("Am Hafen 12, 47059 Duisburg", "Am Hafen 14, 47059 Duisburg")]
    public void Nearby_variants_are_similar(string a, string b)
        => Assert.True(AddressSimilarity.AreSimilar(a, b), $"{a} / {b}: {AddressSimilarity.Score(a, b)}");

    [Theory]
    [InlineData("Am Hafen 12, 47059 Duisburg", "Rheinhauser Str. 300, 47226 Duisburg")]
    [InlineData("Jebel Ali Free Zone Plot S3-07", "Al Quoz Industrial Area 3, Warehouse 19")]
    [InlineData("迪拜杰贝阿里自贸区S3区7号", "迪拜阿尔阔兹工业区三区19号")]
    [InlineData("Am Hafen 12", "")]
    [InlineData(null, "Am Hafen 12")]
    public void Different_addresses_are_not_similar(string? a, string? b)
        => Assert.False(AddressSimilarity.AreSimilar(a, b), $"{a} / {b}: {AddressSimilarity.Score(a, b)}");

    [Fact]
    public void The_threshold_is_inclusive()
    {
        var score = AddressSimilarity.Score("Am Hafen 12, Duisburg", "Am Hafen 14, Duisburg");
        Assert.True(AddressSimilarity.AreSimilar("Am Hafen 12, Duisburg", "Am Hafen 14, Duisburg", score));
        Assert.False(AddressSimilarity.AreSimilar("Am Hafen 12, Duisburg", "Am Hafen 14, Duisburg", score + 1e-9));
    }

    [Fact]
    public void Punctuation_only_is_empty() => Assert.Equal("", AddressSimilarity.Normalise(" ,.-/ "));
}
