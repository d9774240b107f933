using System;

namespace Accounting.Integrations.Core.Http
{
    /// <summary>
    /// The one rule for every URL the module sends credentials to: an absolute https:// URL, or plain http:// to a
    /// loopback address (a local sandbox); and only the host the connection was made for. Every
    /// <see cref="ApiTransport"/> checks its base URL here when it is built and each attempt's URL before it is sent,
    /// so no code path (a fallback, a next link, a redirect) can aim a login at a host the user did not name.
    /// </summary>
    public static class CredentialTarget
    {
        /// <summary>Null when <paramref name="uri"/> may receive credentials, else why not, in words that name the fix.</summary>
        public static string Problem(Uri uri)
        {
            if (uri == null) return "No URL was given.";
            if (!uri.IsAbsoluteUri) return $"'{uri.OriginalString}' is not an absolute URL; give one such as https://host/path/.";
            if (uri.Scheme == Uri.UriSchemeHttps) return null;
            if (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)) return null;
            if (uri.Scheme == Uri.UriSchemeHttp)
                return $"'{uri.GetLeftPart(UriPartial.Authority)}' uses plain http://, which would send the credentials in clear; use https:// (plain http is accepted only for a local sandbox on 127.0.0.1).";
            return $"'{uri.Scheme}://' is not a web address the module can use; use https://.";
        }

        /// <summary>Throws <see cref="ArgumentException"/> (naming <paramref name="parameterName"/>) unless <paramref name="uri"/> passes <see cref="Problem"/>.</summary>
        public static Uri Require(Uri uri, string parameterName)
        {
            var problem = Problem(uri);
            if (problem != null) throw new ArgumentException(problem, parameterName);
            return uri;
        }

        /// <summary>127.0.0.0/8, ::1 and localhost: the machine itself, where no proxy and no network is involved.</summary>
        public static bool IsLoopback(Uri uri) => uri != null && uri.IsAbsoluteUri && uri.IsLoopback;

        /// <summary>True when both URLs name the same scheme, host and port: where credentials for one may go to the other.</summary>
        public static bool SameOrigin(Uri a, Uri b) =>
            a != null && b != null && a.IsAbsoluteUri && b.IsAbsoluteUri &&
            Uri.Compare(a, b, UriComponents.SchemeAndServer | UriComponents.Port, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }
}
