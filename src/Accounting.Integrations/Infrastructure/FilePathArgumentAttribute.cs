using System.IO;
using System.Management.Automation;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// What a -Path that takes pipeline input accepts: a path as text, a file (Get-ChildItem), or an object with a FullName
    /// or Path; nothing else. Bound by value, any object would become text (a shop's type name taken for a file name).
    /// </summary>
    [System.AttributeUsage(System.AttributeTargets.Property | System.AttributeTargets.Field)]
    public sealed class FilePathArgumentAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            switch (value)
            {
                case null: return null;
                case string _: return value;
                case FileSystemInfo file: return file.FullName;
            }
            foreach (var name in new[] { "FullName", "Path" })
            {
                var found = PSObject.AsPSObject(inputData).Properties[name]?.Value;
                if ((found is PSObject boxed ? boxed.BaseObject : found) is string path) return path;
            }
            var kind = OutputTypeNames.Of(value.GetType()) ?? value.GetType().Name;
            throw new ArgumentTransformationMetadataException($"A {kind} is not a file: -Path takes a path, a file (Get-ChildItem) or an object with a FullName or Path, e.g. -Path ./policy.yml.");
        }
    }
}
