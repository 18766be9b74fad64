using System;
using System.Collections;
using System.Management.Automation;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// On a uid, channel id or token parameter that takes pipeline input by value: only plain values (strings, numbers)
    /// bind. An object binds through a property of the parameter's name or one of its aliases; an object without one is
    /// refused here, instead of being sent as its own text (an Import-Csv row with a Member column once replaced a channel's
    /// members with the single uid "@{Member=w1; Name=alice}"). PowerShell then reports the item as not bound and sends nothing.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class WKScalarInputAttribute : ArgumentTransformationAttribute
    {
        private readonly string[] _names;

        /// <param name="names">The parameter's name and aliases: an object with one of these properties gives its value.</param>
        public WKScalarInputAttribute(params string[] names) => _names = names;

        /// <summary>
        /// Set where another parameter set takes the same piped objects by property name (Send-WKMessage: a row with
        /// ChannelId goes to the channel form, not to -ToUid). An object without the property is then only "not this
        /// parameter": PowerShell moves on to the other parameters, and an object that binds none is still refused,
        /// as input bound to no parameter, with nothing sent.
        /// </summary>
        public bool OtherSetsTakeObjects { get; set; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            // PowerShell tries a piped object by value before by property name; answer the property here, so the
            // by-value attempt binds the same value the by-name one would.
            if (inputData is PSObject whole && !(whole.BaseObject is string) && !whole.BaseObject.GetType().IsPrimitive)
            {
                foreach (string name in _names)
                {
                    PSPropertyInfo? property = whole.Properties[name];
                    if (property != null)
                    {
                        return property.Value;
                    }
                }
            }
            object? value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (value is IList list && !(value is string))
            {
                foreach (object? item in list)
                {
                    Check(item is PSObject p ? p.BaseObject : item, OtherSetsTakeObjects);
                }
            }
            else
            {
                Check(value, OtherSetsTakeObjects);
            }
            return inputData;
        }

        private static void Check(object? value, bool otherSetsTakeObjects)
        {
            if (value == null || value is string || value is char || value.GetType().IsPrimitive || value is decimal || value is Guid)
            {
                return;
            }
            string shown = value is PSCustomObject ? "an object with the properties of the piped row" : "a " + value.GetType().Name;
            string message = "WKInputNotScalar: " + shown + " is not a plain value, and it has no property of this parameter's name or alias: it is refused instead of being sent as its own text. " +
                "Rename the column (for example Select-Object @{n='Uid';e={$_.Member}}) or pass the values themselves.";
            // PowerShell's pipeline binder treats a transformation that failed with an invalid cast as "does not bind
            // here" and tries the other parameters; any other failure ends the binding of the object.
            throw otherSetsTakeObjects
                ? new ArgumentTransformationMetadataException(message, new PSInvalidCastException(message))
                : new ArgumentTransformationMetadataException(message);
        }
    }
}
