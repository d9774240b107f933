using System.Globalization;
using System.Text.Json;

namespace Accounting.Integrations.Sandbox.Billbee;

/// <summary>
/// Billbee's wire format, written by hand (billbee.md §4): envelope keys in the live order, nulls
/// written out, ErrorDescription as the enum name, dates without offset, decimals with their scale.
/// </summary>
public static class BillbeeJson
{
    static readonly string[] ErrorNames =
    {
        "NoError", "ApiNotActivated", "OrderNotFound", "InvoiceNotCreated", "CantCreateInvoice", "OrderCanceled", "OrderDeleted",
        "OrderNotPaid", "InternalError", "OrderExists", "WrongShopId", "InvalidData", "CreateUser_DuplicateEmail",
        "CreateUser_InvalidEmail", "CreateUser_UserRejected", "CreateUser_TermsNotAccepted", "NoPaidAccount", "APIServiceNotBooked",
        "CantCreateDeliveryNote",
    };

    public static string Date(DateTime d)
    {
        var s = d.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture).TrimEnd('0');
        return s.EndsWith('.') ? s[..^1] : s;
    }

    public static byte[] Envelope(Action<Utf8JsonWriter>? data, (int Page, int TotalPages, int TotalRows, int PageSize)? paging = null,
        int errorCode = 0, string? errorMessage = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (paging is { } p)
            {
                w.WriteStartObject("Paging");
                w.WriteNumber("Page", p.Page);
                w.WriteNumber("TotalPages", p.TotalPages);
                w.WriteNumber("TotalRows", p.TotalRows);
                w.WriteNumber("PageSize", p.PageSize);
                w.WriteEndObject();
            }
            if (errorMessage == null) w.WriteNull("ErrorMessage"); else w.WriteString("ErrorMessage", errorMessage);
            w.WriteNumber("ErrorCode", errorCode);
            w.WriteString("ErrorDescription", errorCode < ErrorNames.Length ? ErrorNames[errorCode] : errorCode.ToString(CultureInfo.InvariantCulture));
            w.WritePropertyName("Data");
            if (data == null) w.WriteNullValue(); else data(w);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static void Order(Utf8JsonWriter w, SandboxOrder o)
    {
        w.WriteStartObject();
        w.WriteNull("RebateDifference");
        w.WriteStartArray("ShippingIds");
        w.WriteEndArray();
        w.WriteNull("AcceptLossOfReturnRight");
        w.WriteString("Id", o.ExternalId.Length == 0 ? null : o.ExternalId);
        w.WriteString("OrderNumber", o.OrderNumber);
        w.WriteNumber("State", o.State);
        w.WriteNumber("VatMode", 0);
        w.WriteString("CreatedAt", Date(o.CreatedAt));
        w.WriteString("ShippedAt", o.ShippedAt is { } s ? Date(s) : null);
        w.WriteString("ConfirmedAt", Date(o.CreatedAt.AddMinutes(3)));
        w.WriteString("PayedAt", o.PayedAt is { } p ? Date(p) : null);
        w.WriteNull("SellerComment");
        w.WriteNull("Comments");
        w.WriteString("InvoiceNumberPrefix", o.InvoiceNumber.HasValue ? "RE-" : null);
        w.WriteNull("InvoiceNumberPostfix");
        if (o.InvoiceNumber is { } inv) w.WriteNumber("InvoiceNumber", inv); else w.WriteNull("InvoiceNumber");
        w.WriteString("InvoiceDate", o.PayedAt is { } pd ? Date(pd) : null);
        w.WriteNumber("PaymentMethod", 22);
        w.WriteNumber("ShippingCost", o.ShippingCost);
        w.WriteNumber("TotalCost", o.ItemTotal + o.ShippingCost); // live data: TotalCost includes shipping (billbee.md note 1)
        w.WriteNumber("AdjustmentCost", 0.0000m);
        w.WriteNumber("PaidAmount", o.PayedAt.HasValue ? o.ItemTotal + o.ShippingCost : 0m);
        w.WriteString("Currency", o.Currency);
        w.WriteStartObject("Seller");
        w.WriteString("Platform", o.Shop.Name);
        w.WriteString("BillbeeShopName", o.Shop.Name);
        w.WriteNumber("BillbeeShopId", o.Shop.Id);
        w.WriteNull("Id");
        w.WriteNull("Nick");
        w.WriteNull("FirstName");
        w.WriteNull("LastName");
        w.WriteNull("FullName");
        w.WriteNull("Email");
        w.WriteEndObject();
        w.WriteStartObject("Buyer");
        w.WriteString("Platform", o.Shop.Name);
        w.WriteString("FullName", o.CustomerName);
        w.WriteString("Email", o.CustomerEmail);
        w.WriteEndObject();
        w.WriteStartObject("Customer");
        w.WriteNumber("Id", o.CustomerId);
        w.WriteString("Name", o.CustomerName);
        w.WriteString("Email", o.CustomerEmail);
        w.WriteNumber("Number", o.CustomerId - 50_000_000);
        w.WriteNumber("Type", 0);
        w.WriteEndObject();
        w.WriteStartArray("OrderItems");
        for (var i = 0; i < o.ItemCount; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("BillbeeId", o.BillbeeOrderId * 10 + i);
            w.WriteNull("TransactionId");
            w.WriteStartObject("Product");
            w.WriteString("Title", $"Article {(o.BillbeeOrderId + i) % 997}");
            w.WriteString("SKU", $"SKU-{(o.BillbeeOrderId + i) % 997:D4}");
            w.WriteNumber("Type", 1);
            w.WriteEndObject();
            w.WriteNumber("Quantity", 1.0m);
            w.WriteNumber("TotalPrice", Math.Round(o.ItemTotal / o.ItemCount, 4));
            w.WriteNumber("TaxIndex", 1);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("Tags");
        foreach (var t in o.Tags) w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteNumber("ApiAccountId", o.Shop.Id);
        w.WriteString("ApiAccountName", o.Shop.Name);
        w.WriteString("LastModifiedAt", Date(o.LastModifiedAt));
        w.WriteString("UpdatedAt", Date(o.LastModifiedAt));
        w.WriteNumber("BillBeeOrderId", o.BillbeeOrderId);
        w.WriteNull("BillBeeParentOrderId");
        w.WriteString("WebUrl", $"https://app.billbee.io/app_v2/order/{o.BillbeeOrderId}");
        w.WriteEndObject();
    }

    public static void Shop(Utf8JsonWriter w, SandboxShop s)
    {
        w.WriteStartObject();
        w.WriteNumber("Id", s.Id);
        w.WriteNumber("AccountType", s.AccountType);
        w.WriteString("Name", s.Name);
        w.WriteString("LastSyncDate", Date(s.LastSyncDate));
        w.WriteNumber("LastSyncState", s.LastSyncState);
        w.WriteEndObject();
    }
}
