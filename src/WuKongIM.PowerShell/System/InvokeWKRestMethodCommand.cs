using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Calls any path with the session's token, retries and response rules; returns the parsed JSON.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "WKRestMethod", SupportsShouldProcess = true)]
    [OutputType(typeof(OrderedDictionary), typeof(object[]), typeof(string))]
    public sealed class InvokeWKRestMethodCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKRestPathCompleter))]
        public string Path { get; set; } = string.Empty;

        [Parameter(Position = 1)]
        [ValidateSet("GET", "POST", "PUT", "DELETE", "PATCH")]
        public string Method { get; set; } = "GET";

        /// <summary>The JSON body: a hashtable, an array, a custom object, or a string that is already JSON.</summary>
        [Parameter(ValueFromPipeline = true)]
        public object? Body { get; set; }

        [Parameter]
        public IDictionary? Query { get; set; }

        /// <summary>Return the body as a string instead of parsed objects.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        protected override void ProcessRecord()
        {
            string method = Method.ToUpperInvariant();
            var request = new WKRequest(method, Path) { Idempotent = method == "GET" };
            if (Query != null)
            {
                foreach (DictionaryEntry entry in Query)
                {
                    request.AddQuery(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, Convert.ToString(WKPowerShellValue.Unwrap(entry.Value), CultureInfo.InvariantCulture));
                }
            }
            RunItem(method + " " + request.PathAndQuery, () =>
            {
                if (Body != null)
                {
                    request.Body = WKJsonValue.ToBody(WKPowerShellValue.Unwrap(Body));
                }
                if (method != "GET" && !ShouldProcess(method + " " + request.PathAndQuery, "Invoke"))
                {
                    return;
                }
                byte[] body = Run(ct => Client.SendAsync(request, ct));
                if (Raw)
                {
                    WriteObject(System.Text.Encoding.UTF8.GetString(body));
                }
                else
                {
                    WriteObject(WKJsonValue.Parse(body), enumerateCollection: false);
                }
            });
        }
    }
}
