using System;
using System.Globalization;

namespace WuKongIM.Client
{
    /// <summary>
    /// Decides when a bulk operation shows progress: only once it has handled at least <see cref="Threshold"/> items (small
    /// inputs show nothing), then at most every <see cref="Interval"/>, with count, rate and — when the total is known —
    /// percent and time left; and a completed record at the end if anything was shown.
    /// </summary>
    public sealed class BulkProgress
    {
        private readonly Func<DateTimeOffset> _clock;
        private readonly DateTimeOffset _started;
        private DateTimeOffset _lastShown = DateTimeOffset.MinValue;
        private bool _shown;

        public BulkProgress(string activity, long? total = null, int threshold = 1000, TimeSpan? interval = null, Func<DateTimeOffset>? clock = null)
        {
            Activity = activity;
            Total = total;
            Threshold = threshold;
            Interval = interval ?? TimeSpan.FromMilliseconds(250);
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
            _started = _clock();
        }

        public string Activity { get; }
        public long? Total { get; set; }
        public int Threshold { get; }
        public TimeSpan Interval { get; }
        public long Done { get; private set; }
        public long Failed { get; private set; }

        /// <summary>Counts finished items; returns an update when one is due.</summary>
        public BulkProgressUpdate? Advance(long succeeded, long failed = 0)
        {
            Done += succeeded + failed;
            Failed += failed;
            DateTimeOffset now = _clock();
            if (Done < Threshold || now - _lastShown < Interval)
            {
                return null;
            }
            _lastShown = now;
            _shown = true;
            return Build(now, completed: false);
        }

        /// <summary>The closing record, or null when no progress was ever shown.</summary>
        public BulkProgressUpdate? Complete() => _shown ? Build(_clock(), completed: true) : null;

        private BulkProgressUpdate Build(DateTimeOffset now, bool completed)
        {
            double seconds = Math.Max((now - _started).TotalSeconds, 0.001);
            double rate = Done / seconds;
            string status = string.Format(CultureInfo.InvariantCulture, "{0:N0}{1} done, {2:N0} failed, {3:N0}/s",
                Done, Total.HasValue ? string.Format(CultureInfo.InvariantCulture, " of {0:N0}", Total.Value) : string.Empty, Failed, rate);
            int percent = -1, remaining = -1;
            if (Total.HasValue && Total.Value > 0)
            {
                percent = (int)Math.Min(100, Done * 100 / Total.Value);
                if (rate > 0 && Done < Total.Value)
                {
                    remaining = (int)Math.Ceiling((Total.Value - Done) / rate);
                }
            }
            return new BulkProgressUpdate(Activity, status, completed ? 100 : percent, completed ? 0 : remaining, completed);
        }
    }
}
