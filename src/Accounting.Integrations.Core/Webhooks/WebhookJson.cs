using System.Collections.Generic;
using System.Text.Json;

namespace Accounting.Integrations.Core.Webhooks
{
    /// <summary>Request bodies for the webhook calls: a flat object, null members left out (every service treats absent as "not set").</summary>
    internal static class WebhookJson
    {
        public static string Object(params (string Name, object Value)[] members)
        {
            var body = new Dictionary<string, object>();
            foreach (var (name, value) in members) if (value != null) body[name] = value;
            return JsonSerializer.Serialize(body);
        }
    }
}
