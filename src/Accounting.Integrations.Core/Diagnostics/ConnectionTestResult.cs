using System;
using System.Collections.Generic;
using Accounting.Integrations.Core.Errors;

namespace Accounting.Integrations.Core.Diagnostics
{
    /// <summary>The answer of a Test-*Connection: one object, success or a cause in plain words, never a bare exception.</summary>
    public sealed class ConnectionTestResult
    {
        public string Service { get; set; }
        /// <summary>What was tested when a service has several (a key type, an environment).</summary>
        public string Check { get; set; }
        public bool Success { get; set; }
        public string BaseUrl { get; set; }
        public string User { get; set; }
        // Internal: exported under its name as text by the types file (Infrastructure/ExportedValue.cs); ConvertTo-Json would write a number or fifteen fields.
        internal TimeSpan? Latency { get; set; }
        public string Cause { get; set; }
        public string Fix { get; set; }
        public string ErrorId { get; set; }
        public int? HttpStatus { get; set; }
        public string RequestId { get; set; }
        public IList<string> Notes { get; } = new Output.TextCollection();
        public IDictionary<string, object> Details { get; } = new Output.TextMap<object>();
        public DateTimeOffset TestedAt { get; set; } = DateTimeOffset.Now;

        public static ConnectionTestResult Failed(string service, string baseUrl, ServiceException ex, TimeSpan? latency = null) => new ConnectionTestResult
        {
            Service = service,
            BaseUrl = baseUrl,
            Success = false,
            Latency = latency,
            Cause = ex.Summary,
            Fix = ex.RecommendedAction,
            ErrorId = ex.ErrorId,
            HttpStatus = ex.HttpStatus,
            RequestId = ex.RequestId,
        };
    }
}
