using Accounting.Integrations.Module.Tests.Hosting;

namespace Accounting.Integrations.Module.Tests.Module;

[Collection("Module")]
public class HelpTests(ModuleSession session)
{
    [Fact]
    public void Every_cmdlet_has_a_synopsis_a_description_an_example_and_described_parameters()
    {
        var result = session.Run("""
            foreach ($name in (Get-Command -Module Accounting.Integrations).Name) {
                $help = Get-Help $name -Full
                $common = 'Verbose','Debug','ErrorAction','WarningAction','InformationAction','ProgressAction','ErrorVariable','WarningVariable','InformationVariable','OutVariable','OutBuffer','PipelineVariable','WhatIf','Confirm'
                $params = (Get-Command $name).Parameters.Keys | Where-Object { $_ -notin $common }
                $described = @($help.parameters.parameter | Where-Object { ($_.description | ForEach-Object Text) -join '' } | ForEach-Object name)
                [pscustomobject]@{
                    Name = $name
                    Synopsis = $help.Synopsis
                    Description = ($help.description | ForEach-Object Text) -join ' '
                    Examples = @($help.examples.example).Count
                    Undescribed = @($params | Where-Object { $_ -notin $described }) -join ','
                }
            }
            """);
        result.ShouldSucceed();
        Assert.Equal(session.Run("(Get-Command -Module Accounting.Integrations).Count").Output.Single().BaseObject, result.Output.Count);
        foreach (var help in result.Output)
        {
            var name = (string)help.Properties["Name"].Value;
            var synopsis = (string)help.Properties["Synopsis"].Value;
            Assert.False(string.IsNullOrWhiteSpace(synopsis), name);
            Assert.DoesNotContain(name + " [", synopsis); // the engine's stand-in when no help file is found
            Assert.False(string.IsNullOrWhiteSpace((string)help.Properties["Description"].Value), name);
            Assert.True((int)help.Properties["Examples"].Value >= 1, name);
            Assert.Equal("", help.Properties["Undescribed"].Value);
        }
    }

    [Fact]
    public void The_about_topic_explains_error_ids_and_secrets()
    {
        var result = session.Run("Get-Help about_Accounting.Integrations | Out-Default");
        result.ShouldSucceed();
        Assert.Contains("Service.Reason", result.HostText);
        Assert.Contains("SecretManagement", result.HostText);
    }
}
