using System;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Accounting.Integrations.Core.Config
{
    /// <summary>
    /// Loads YAML with one kind of failure. YamlDotNet reports most malformed input as YamlException but some
    /// (found by fuzzing: "templates: [b{ecta]") as InvalidOperationException and the like; those become a
    /// YamlException here, so every reader handles one exception type.
    /// </summary>
    internal static class YamlText
    {
        public static YamlStream Load(TextReader reader)
        {
            var stream = new YamlStream();
            try { stream.Load(reader); }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is FormatException)
            {
                throw new YamlException(ex.Message, ex);
            }
            return stream;
        }
    }
}
