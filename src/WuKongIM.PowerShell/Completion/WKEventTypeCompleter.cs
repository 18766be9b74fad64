using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace WuKongIM.PowerShell
{
    /// <summary>Completes -EventType with the stream event types WuKongIM v2.2.5 knows; any other name is still accepted.</summary>
    internal sealed class WKEventTypeCompleter : IArgumentCompleter
    {
        private static readonly Dictionary<string, string> EventTypes = new Dictionary<string, string>
        {
            ["stream.delta"] = "Appends text to the lane",
            ["stream.snapshot"] = "Replaces the lane's text",
            ["stream.close"] = "Closes the lane (its events become readable as one message)",
            ["stream.error"] = "Ends the lane with an error",
            ["stream.cancel"] = "Cancels the lane",
            ["stream.finish"] = "Finishes the whole stream",
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            WKCompletion.Results(EventTypes.Keys, wordToComplete, name => name + ": " + EventTypes[name]);
    }
}
