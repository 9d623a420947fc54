using System.Reflection;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using Warehouse.Web.ApiClients;

namespace Warehouse.Web.Components.Forms;

/// <summary>
/// Field errors of one form, from the web's own checks and from the API's validation answer. The
/// API keys errors by camelCase field name; the form model names its properties the same way. The
/// API writes its messages in English only, so a field with a text of its own in the resources
/// (<c>ApiError.{field}</c>) shows that text instead, in the reader's language.
/// </summary>
public sealed class FormErrors(EditContext context)
{
    private readonly ValidationMessageStore store = new(context);

    public bool Any => context.GetValidationMessages().Any();

    public void Clear()
    {
        store.Clear();
        context.NotifyValidationStateChanged();
    }

    public void Add(string property, string message)
    {
        store.Add(context.Field(property), message);
        context.NotifyValidationStateChanged();
    }

    public void Require(string property, string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(property, message);
        }
    }

    /// <summary>Puts the API's errors beside their fields; returns those the form has no field for.</summary>
    public IReadOnlyList<string> AddApiErrors(ApiProblem problem, IStringLocalizer localizer)
    {
        var unplaced = new List<string>();
        foreach (var (key, messages) in problem.Errors)
        {
            var field = FieldName(key);
            var ownText = field.Length > 0 ? localizer[$"ApiError.{field}"] : null;
            IEnumerable<string> texts = ownText is { ResourceNotFound: false } ? [ownText.Value] : messages;
            var property = PropertyFor(field);
            foreach (var text in texts)
            {
                if (property is null)
                {
                    unplaced.Add(text);
                }
                else
                {
                    Add(property, text);
                }
            }
        }
        return unplaced;
    }

    /// <summary>"creditCode", "CreditCode" and "request.creditCode" all name the field creditCode.</summary>
    private static string FieldName(string apiKey)
    {
        var name = apiKey[(apiKey.LastIndexOf('.') + 1)..];
        return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }

    private string? PropertyFor(string field) =>
        field.Length == 0
            ? null
            : context.Model.GetType().GetProperty(field, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.Name;
}
