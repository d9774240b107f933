using System;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Services;
using Accounting.Integrations.Profiles;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// Base of every Connect-* cmdlet: the base-URL rule, the -Profile path, and making the connection the
    /// session's default (the transport parameters come from <see cref="TransportCmdlet"/>). Connecting makes no call to the service.
    /// </summary>
    public abstract class ConnectCmdlet : TransportCmdlet
    {
        [Parameter]
        public Uri BaseUrl { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>HTTPS only, except plain HTTP to a loopback sandbox: credentials never cross a network in clear.</summary>
        private protected void CheckBaseUrl(string service)
        {
            if (BaseUrl == null) return;
            if (!BaseUrl.IsAbsoluteUri) Fail("BaseUrl", $"-BaseUrl must be an absolute URL such as https://…; '{BaseUrl}' is relative.", BaseUrl);
            if (CredentialTarget.Problem(BaseUrl) == null) return; // the one rule every transport enforces again
            Fail("BaseUrl", $"-BaseUrl must use https:// ({service} serves HTTPS only); plain http:// is accepted only for a local sandbox on 127.0.0.1.", BaseUrl);
        }

        protected const string ProfileSet = "Profile";

        /// <summary>
        /// Connect-* -Profile: the connection from a saved profile (settings as saved, secrets from their
        /// references). Transport parameters still apply; -BaseUrl comes from the profile.
        /// </summary>
        private protected void ConnectFromProfile<T>(string profileName, IntegrationService<T> service, Func<T, string> describe) where T : class, IDisposable
        {
            if (BaseUrl != null) Fail("BaseUrl", "-BaseUrl cannot be combined with -Profile; the profile holds the base URL (baseUrl setting).", BaseUrl);
            var profiles = new ProfileConnections(this);
            var entry = profiles.Service(profiles.Load(profileName), service);
            T connection = null;
            try { connection = service.Connect(entry, Transport()); }
            catch (ProfileProblemException ex)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(ex.Message, "Profile"), ErrorIds.ProfileInvalid, ErrorCategory.InvalidData, profileName)
                {
                    ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = ex.Fix },
                });
            }
            Publish(connection, describe(connection) + $" from profile '{profileName}'");
        }

        /// <summary>Makes the connection the session's default and, with -PassThru, writes it.</summary>
        private protected void Publish<T>(T connection, string description) where T : class
        {
            SessionConnections.Set(connection);
            WriteVerbose(description + " is now the session default.");
            if (PassThru) WriteObject(connection);
        }

        /// <summary>Stops with an error that names the parameter and the fix; nothing has been changed.</summary>
        private protected void Fail(string parameter, string message, object target = null) =>
            ThrowTerminatingError(ErrorRecordFactory.InvalidParameter(parameter, message, target));
    }
}
