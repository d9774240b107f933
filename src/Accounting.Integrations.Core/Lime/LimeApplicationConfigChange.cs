namespace Accounting.Integrations.Core.Lime
{
    /// <summary>What Set-LimeApplicationConfig did to application_config.yaml. It never holds the secret.</summary>
    public sealed class LimeApplicationConfigChange
    {
        public string Path { get; set; }
        public string Application { get; set; }
        public bool Changed { get; set; }
        public string BackupPath { get; set; }
        public string BaseUrl { get; set; }
        public string AuthenticationScheme { get; set; }
        public string[] Keys { get; set; } = new string[0];
    }
}
