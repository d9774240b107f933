using System;

namespace Accounting.Integrations.Core.Config
{
    /// <summary>A profile entry that cannot make a connection: which setting or secret, and how to fix it. Never carries a secret value.</summary>
    public sealed class ProfileProblemException : Exception
    {
        public ProfileProblemException(string service, string message, string fix) : base(message)
        {
            Service = service;
            Fix = fix;
        }

        public string Service { get; }
        public string Fix { get; }
    }

    /// <summary>A profile setting so malformed that the whole run stops (a terminating error naming -Profile), not one service's result.</summary>
    public sealed class ProfileArgumentException : ArgumentException
    {
        public ProfileArgumentException(string message) : base(message, "Profile") { }
    }

    /// <summary>A secret reference that could not be read (a locked vault, a missing secret); the message holds no secret.</summary>
    public sealed class SecretUnreadableException : Exception
    {
        public SecretUnreadableException(string message, Exception inner) : base(message, inner) { }
    }
}
