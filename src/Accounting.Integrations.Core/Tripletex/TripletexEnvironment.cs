using System;

namespace Accounting.Integrations.Core.Tripletex
{
    /// <summary>Tripletex's two separate environments; tokens from one fail in the other (tripletex.md §1).</summary>
    public enum TripletexEnvironment
    {
        Production,
        Test,
    }

    public static class TripletexEnvironments
    {
        public static Uri BaseUri(TripletexEnvironment environment) => environment == TripletexEnvironment.Test
            ? new Uri("https://api-test.tripletex.tech/v2/")
            : new Uri("https://tripletex.no/v2/");
    }
}
