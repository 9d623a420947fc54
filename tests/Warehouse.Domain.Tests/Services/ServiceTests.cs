using Warehouse.Domain;
using Warehouse.Domain.Services;

namespace Warehouse.Domain.Tests.Services;

public sealed class ServicePriceTests
{
    [Fact]
    public void A_price_keeps_its_amount_unit_and_upper_case_currency()
    {
        var price = new ServicePrice(3.5m, " eur ", ServiceUnit.PerOrder);
        Assert.Equal(3.5m, price.Amount);
        Assert.Equal("EUR", price.Currency);
        Assert.Equal(ServiceUnit.PerOrder, price.Unit);
    }

    [Theory]
    [InlineData(0, "CNY", "price.amount")]
    [InlineData(-1, "CNY", "price.amount")]
    [InlineData(1_000_000.01, "CNY", "price.amount")]
    [InlineData(1.23456, "CNY", "price.amount")]
    [InlineData(5, "RMB1", "price.currency")]
    [InlineData(5, "", "price.currency")]
    [InlineData(5, null, "price.currency")]
    public void An_impossible_price_names_its_field(double amount, string? currency, string field)
        => Assert.Equal(field, Assert.Throws<DomainException>(() => new ServicePrice((decimal)amount, currency, ServiceUnit.PerHour)).Field);

    [Fact]
    public void An_undefined_unit_is_refused()
        => Assert.Equal("price.unit", Assert.Throws<DomainException>(() => new ServicePrice(1m, "CNY", (ServiceUnit)99)).Field);
}

public sealed class ServiceOfferingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private static ServiceTerms Terms(string type = ServiceCatalogue.Fulfilment, decimal amount = 3m)
        => new(type, new ServicePrice(amount, "EUR", ServiceUnit.PerOrder), "  含拣货  ", null);

    [Fact]
    public void A_new_offering_is_unpublished_with_trimmed_descriptions()
    {
        var offering = ServiceOffering.Create(Guid.NewGuid(), Guid.NewGuid(), Terms(), Now);
        Assert.False(offering.IsPublished);
        Assert.Equal("含拣货", offering.DescriptionZh);
        Assert.Null(offering.DescriptionEn);
        offering.Publish();
        Assert.True(offering.IsPublished);
    }

    [Fact]
    public void Its_service_type_never_changes()
    {
        var offering = ServiceOffering.Create(Guid.NewGuid(), Guid.NewGuid(), Terms(), Now);
        Assert.Equal("serviceType", Assert.Throws<DomainException>(() => offering.Apply(Terms(ServiceCatalogue.LiveStreamStudio))).Field);
        offering.Apply(Terms(amount: 4m));
        Assert.Equal(4m, offering.Price.Amount);
    }

    [Fact]
    public void Descriptions_are_bounded()
    {
        var price = new ServicePrice(1m, "CNY", ServiceUnit.PerItem);
        Assert.Equal("descriptionZh", Assert.Throws<DomainException>(() => new ServiceTerms("fulfilment", price, new string('长', 2001), null)).Field);
        Assert.Equal("descriptionEn", Assert.Throws<DomainException>(() => new ServiceTerms("fulfilment", price, null, new string('x', 2001))).Field);
    }

    [Fact]
    public void The_catalogue_has_unique_codes_and_labels_exactly_its_slotted_types()
    {
        Assert.Equal(ServiceCatalogue.All.Count, ServiceCatalogue.All.Select(t => t.Code).Distinct().Count());
        Assert.Equal(ServiceCatalogue.All.Count, ServiceCatalogue.All.Select(t => t.Position).Distinct().Count());
        Assert.All(ServiceCatalogue.All, t => Assert.Equal(t.IsTimeSlotted, t.SlotLabelZh is not null && t.SlotLabelEn is not null));
        Assert.All(ServiceCatalogue.All, t => Assert.Matches("^[a-z][A-Za-z]+$", t.Code));
    }
}

public sealed class ServiceSlotTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private static readonly ServiceType Studio = ServiceCatalogue.All.Single(t => t.Code == ServiceCatalogue.LiveStreamStudio);
    private static readonly ServiceType Fulfilment = ServiceCatalogue.All.Single(t => t.Code == ServiceCatalogue.Fulfilment);

    private static ServiceOffering Offering(ServiceType type)
        => ServiceOffering.Create(Guid.NewGuid(), Guid.NewGuid(), new ServiceTerms(type.Code, new ServicePrice(600m, "CNY", ServiceUnit.PerSession), null, null), Now);

    [Fact]
    public void Times_are_held_in_utc_as_the_same_instant()
    {
        var terms = new SlotTerms(new DateTimeOffset(2027, 3, 1, 10, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2027, 3, 1, 11, 0, 0, TimeSpan.FromHours(1)), 3);
        Assert.Equal(TimeSpan.Zero, terms.StartsAt.Offset);
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero), terms.StartsAt);
    }

    [Theory]
    [InlineData(0, 0, 1, "slot.endsAt")]          // ends when it starts
    [InlineData(60, 0, 1, "slot.endsAt")]         // ends before it starts
    [InlineData(0, 31 * 24 * 60 + 1, 1, "slot.endsAt")]
    [InlineData(0, 60, 0, "slot.capacity")]
    [InlineData(0, 60, 10_001, "slot.capacity")]
    public void An_impossible_slot_names_its_field(int startMinutes, int endMinutes, int capacity, string field)
    {
        var day = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(field, Assert.Throws<DomainException>(() => new SlotTerms(day.AddMinutes(startMinutes), day.AddMinutes(endMinutes), capacity)).Field);
    }

    [Fact]
    public void A_slot_of_exactly_31_days_is_allowed_and_seconds_are_not()
    {
        var day = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(SlotTerms.MaxLength, new SlotTerms(day, day.AddDays(31), 1).EndsAt - day);
        Assert.Equal("slot.startsAt", Assert.Throws<DomainException>(() => new SlotTerms(day.AddSeconds(30), day.AddHours(1), 1)).Field);
    }

    [Fact]
    public void Slots_are_half_open_so_back_to_back_slots_do_not_overlap()
    {
        var nine = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var first = new SlotTerms(nine, nine.AddHours(1), 1);
        Assert.False(first.Overlaps(new SlotTerms(nine.AddHours(1), nine.AddHours(2), 1)));
        Assert.True(first.Overlaps(new SlotTerms(nine.AddMinutes(59), nine.AddHours(2), 1)));
        Assert.True(first.Overlaps(new SlotTerms(nine.AddMinutes(10), nine.AddMinutes(20), 1)));
    }

    [Fact]
    public void Only_a_time_slotted_service_opens_slots_and_only_in_the_future()
    {
        var terms = new SlotTerms(Now.AddDays(1), Now.AddDays(1).AddHours(1), 2);
        var slot = ServiceSlot.Open(Offering(Studio), Studio, terms, Now);
        Assert.Equal(0, slot.Booked);
        Assert.Equal(2, slot.Capacity);

        var refused = Assert.Throws<DomainException>(() => ServiceSlot.Open(Offering(Fulfilment), Fulfilment, terms, Now));
        Assert.Equal(("slot.notTimeSlotted", "slots"), (refused.Code, refused.Field));
        var past = new SlotTerms(Now.AddHours(-2), Now.AddHours(-1), 1);
        Assert.Equal("slot.startsAt", Assert.Throws<DomainException>(() => ServiceSlot.Open(Offering(Studio), Studio, past, Now)).Field);
        var far = new SlotTerms(Now.AddDays(ServiceSlot.MaxDaysAhead + 1), Now.AddDays(ServiceSlot.MaxDaysAhead + 1).AddHours(1), 1);
        Assert.Equal("slot.startsAt", Assert.Throws<DomainException>(() => ServiceSlot.Open(Offering(Studio), Studio, far, Now)).Field);
    }
}
