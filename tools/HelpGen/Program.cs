using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using System.Xml;
using YamlDotNet.RepresentationModel;

// HelpGen <module.psd1> <help source folder> <output culture folder>
if (args.Length != 3)
{
    Console.Error.WriteLine("Usage: HelpGen <module.psd1> <help-source-folder> <output-folder>");
    return 2;
}
var (manifest, sourceFolder, outputFolder) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]), Path.GetFullPath(args[2]));
Directory.CreateDirectory(outputFolder);

var state = InitialSessionState.CreateDefault2();
using var runspace = RunspaceFactory.CreateRunspace(state);
runspace.Open();
using var ps = PowerShell.Create();
ps.Runspace = runspace;
var module = ps.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("PassThru").Invoke<PSModuleInfo>().Single();
var problems = new List<string>();
// Each cmdlet's online help (Get-Help -Online, Get-Command's HelpUri) is its help source in the project's repository.
var projectUri = (module.PrivateData as System.Collections.Hashtable)?["PSData"] is System.Collections.Hashtable psData ? psData["ProjectUri"] as string : null;
string OnlineUri(string cmdlet) => string.IsNullOrEmpty(projectUri) ? "" : projectUri.TrimEnd('/') + "/blob/main/module/help/" + cmdlet + ".yml";
var commonParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
{
    "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
    "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
};

var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
const string Maml = "http://schemas.microsoft.com/maml/2004/10";
const string CommandNs = "http://schemas.microsoft.com/maml/dev/command/2004/10";
const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
var helpFile = Path.Combine(outputFolder, "Accounting.Integrations.dll-Help.xml");
using (var xml = XmlWriter.Create(helpFile, settings))
{
    xml.WriteStartElement("helpItems", "http://msh");
    xml.WriteAttributeString("schema", "maml");
    foreach (var cmdlet in module.ExportedCmdlets.Values.OrderBy(c => c.Name))
    {
        var sourcePath = Path.Combine(sourceFolder, cmdlet.Name + ".yml");
        if (!File.Exists(sourcePath)) { problems.Add($"{cmdlet.Name}: no help source {sourcePath}"); continue; }
        var doc = Load(sourcePath);
        var synopsis = Text(doc, "synopsis");
        var description = Text(doc, "description");
        var parameterHelp = Map(doc, "parameters");
        var examples = Seq(doc, "examples");
        if (string.IsNullOrWhiteSpace(synopsis)) problems.Add($"{cmdlet.Name}: no synopsis");
        if (string.IsNullOrWhiteSpace(description)) problems.Add($"{cmdlet.Name}: no description");
        if (examples.Count == 0) problems.Add($"{cmdlet.Name}: no example");
        var parameters = cmdlet.Parameters.Values.Where(p => !commonParameters.Contains(p.Name)).OrderBy(p => p.Name).ToList();
        foreach (var p in parameters)
            if (!parameterHelp.ContainsKey(p.Name)) problems.Add($"{cmdlet.Name}: parameter -{p.Name} has no description");
        foreach (var documented in parameterHelp.Keys.Where(k => parameters.All(p => !p.Name.Equals(k, StringComparison.OrdinalIgnoreCase))))
            problems.Add($"{cmdlet.Name}: help describes -{documented}, which the cmdlet does not have");

        xml.WriteStartElement("command", "command", CommandNs);
        xml.WriteAttributeString("xmlns", "maml", null, Maml);
        xml.WriteAttributeString("xmlns", "dev", null, Dev);
        xml.WriteStartElement("details", CommandNs);
        xml.WriteElementString("name", CommandNs, cmdlet.Name);
        xml.WriteElementString("verb", CommandNs, cmdlet.Verb);
        xml.WriteElementString("noun", CommandNs, cmdlet.Noun);
        Paras(xml, "description", Maml, synopsis);
        xml.WriteEndElement();
        Paras(xml, "description", Maml, description);

        xml.WriteStartElement("syntax", CommandNs);
        foreach (var set in cmdlet.ParameterSets)
        {
            xml.WriteStartElement("syntaxItem", CommandNs);
            xml.WriteElementString("name", Maml, cmdlet.Name);
            foreach (var p in set.Parameters.Where(p => !commonParameters.Contains(p.Name)))
                Parameter(xml, p.Name, p.ParameterType, p.IsMandatory, p.Position, p.ValueFromPipeline, p.ValueFromPipelineByPropertyName, p.Aliases, parameterHelp);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteStartElement("parameters", CommandNs);
        foreach (var p in parameters)
        {
            var inSets = cmdlet.ParameterSets.SelectMany(s => s.Parameters).Where(x => x.Name == p.Name).ToList();
            Parameter(xml, p.Name, p.ParameterType, inSets.Any(x => x.IsMandatory), inSets.Select(x => x.Position).DefaultIfEmpty(int.MinValue).Max(),
                inSets.Any(x => x.ValueFromPipeline), inSets.Any(x => x.ValueFromPipelineByPropertyName), p.Aliases, parameterHelp);
        }
        xml.WriteEndElement();

        var inputs = cmdlet.Parameters.Values.Where(p => p.ParameterSets.Values.Any(s => s.ValueFromPipeline || s.ValueFromPipelineByPropertyName))
            .Select(p => p.ParameterType.FullName!).Distinct().ToList();
        xml.WriteStartElement("inputTypes", CommandNs);
        foreach (var input in inputs.DefaultIfEmpty("None"))
        {
            xml.WriteStartElement("inputType", CommandNs);
            TypeElement(xml, input);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteStartElement("returnValues", CommandNs);
        foreach (var output in cmdlet.OutputType.Select(t => t.Name).DefaultIfEmpty("None"))
        {
            xml.WriteStartElement("returnValue", CommandNs);
            TypeElement(xml, output);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        var notes = Text(doc, "notes");
        if (!string.IsNullOrWhiteSpace(notes))
        {
            xml.WriteStartElement("alertSet", Maml);
            xml.WriteStartElement("alert", Maml);
            foreach (var para in Split(notes)) xml.WriteElementString("para", Maml, para);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteStartElement("examples", CommandNs);
        var n = 0;
        foreach (var example in examples.OfType<YamlMappingNode>())
        {
            n++;
            xml.WriteStartElement("example", CommandNs);
            xml.WriteElementString("title", Maml, $"-------------------------- Example {n}: {Text(example, "title")} --------------------------");
            xml.WriteElementString("code", Dev, (Text(example, "code") ?? "").TrimEnd());
            xml.WriteStartElement("remarks", Dev);
            foreach (var para in Split(Text(example, "remarks") ?? "")) xml.WriteElementString("para", Maml, para);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteStartElement("relatedLinks", CommandNs);
        xml.WriteStartElement("navigationLink", Maml);
        xml.WriteElementString("linkText", Maml, "Online Version:");
        xml.WriteElementString("uri", Maml, OnlineUri(cmdlet.Name));
        xml.WriteEndElement();
        foreach (var link in Seq(doc, "links").OfType<YamlScalarNode>())
        {
            xml.WriteStartElement("navigationLink", Maml);
            xml.WriteElementString("linkText", Maml, link.Value);
            xml.WriteElementString("uri", Maml, "");
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    }
    xml.WriteEndElement();
}

foreach (var about in Directory.GetFiles(sourceFolder, "about_*.help.txt"))
    File.Copy(about, Path.Combine(outputFolder, Path.GetFileName(about)), overwrite: true);

if (problems.Count > 0)
{
    foreach (var p in problems) Console.Error.WriteLine("error HELP001: " + p);
    return 1;
}
Console.WriteLine($"Help for {module.ExportedCmdlets.Count} cmdlets written to {helpFile}");
return 0;

static YamlMappingNode Load(string path)
{
    var stream = new YamlStream();
    using var reader = new StreamReader(path);
    try { stream.Load(reader); }
    catch (YamlDotNet.Core.YamlException ex) { throw new InvalidDataException($"{path}: {ex.Message}", ex); }
    return (YamlMappingNode)stream.Documents[0].RootNode;
}

static string? Text(YamlMappingNode node, string key) =>
    node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;

static Dictionary<string, string> Map(YamlMappingNode node, string key) =>
    node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlMappingNode m
        ? m.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value ?? "", StringComparer.OrdinalIgnoreCase)
        : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

static List<YamlNode> Seq(YamlMappingNode node, string key) =>
    node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlSequenceNode s ? s.Children.ToList() : new List<YamlNode>();

static IEnumerable<string> Split(string text) =>
    text.Replace("\r", "").Split("\n\n").Select(p => p.Trim()).Where(p => p.Length > 0);

static void Paras(XmlWriter xml, string element, string ns, string? text)
{
    xml.WriteStartElement(element, ns);
    foreach (var para in Split(text ?? "")) xml.WriteElementString("para", "http://schemas.microsoft.com/maml/2004/10", para);
    xml.WriteEndElement();
}

static void TypeElement(XmlWriter xml, string typeName)
{
    xml.WriteStartElement("type", "http://schemas.microsoft.com/maml/dev/2004/10");
    xml.WriteElementString("name", "http://schemas.microsoft.com/maml/2004/10", typeName);
    xml.WriteEndElement();
    xml.WriteStartElement("description", "http://schemas.microsoft.com/maml/2004/10");
    xml.WriteEndElement();
}

static void Parameter(XmlWriter xml, string name, Type type, bool mandatory, int position, bool byValue, bool byName,
    IEnumerable<string> aliases, Dictionary<string, string> help)
{
    const string c = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    const string m = "http://schemas.microsoft.com/maml/2004/10";
    xml.WriteStartElement("parameter", c);
    xml.WriteAttributeString("required", mandatory ? "true" : "false");
    xml.WriteAttributeString("variableLength", type.IsArray ? "true" : "false");
    xml.WriteAttributeString("globbing", "false");
    xml.WriteAttributeString("pipelineInput", byValue && byName ? "True (ByPropertyName, ByValue)" : byValue ? "True (ByValue)" : byName ? "True (ByPropertyName)" : "False");
    xml.WriteAttributeString("position", position == int.MinValue ? "named" : position.ToString());
    var aliasList = aliases.ToList();
    xml.WriteAttributeString("aliases", aliasList.Count == 0 ? "none" : string.Join(", ", aliasList));
    xml.WriteElementString("name", m, name);
    Paras(xml, "description", m, help.TryGetValue(name, out var h) ? h : "");
    if (type != typeof(SwitchParameter))
    {
        xml.WriteStartElement("parameterValue", c);
        xml.WriteAttributeString("required", "true");
        xml.WriteString(type.Name);
        xml.WriteEndElement();
    }
    xml.WriteStartElement("type", "http://schemas.microsoft.com/maml/dev/2004/10");
    xml.WriteElementString("name", m, type.FullName);
    xml.WriteEndElement();
    xml.WriteEndElement();
}
