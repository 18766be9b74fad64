using System;
using System.Globalization;

namespace WuKongIM.Client
{
    /// <summary>One progress update to show (the cmdlet turns it into a ProgressRecord).</summary>
    public sealed class BulkProgressUpdate
    {
        public BulkProgressUpdate(string activity, string statusDescription, int percentComplete, int secondsRemaining, bool completed)
        {
            Activity = activity;
            StatusDescription = statusDescription;
            PercentComplete = percentComplete;
            SecondsRemaining = secondsRemaining;
            Completed = completed;
        }

        public string Activity { get; }
        public string StatusDescription { get; }
        /// <summary>0-100, or -1 when the total is unknown (items still arriving from the pipeline).</summary>
        public int PercentComplete { get; }
        /// <summary>Estimated seconds left, or -1 when unknown.</summary>
        public int SecondsRemaining { get; }
        public bool Completed { get; }
    }
}
