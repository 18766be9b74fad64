using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// The bulk machinery of the token cmdlets (Register-WKUser, Set-WKUserToken, Reset-WKUserToken), the same as the other
    /// per-item bulk cmdlets: /user/token has no list form, so piped users run -ThrottleLimit requests at a time, results
    /// come out in input order, and progress shows from 1000 items. Uids are trimmed; blank piped entries are skipped and
    /// counted in one warning at the end.
    /// </summary>
    public abstract class WKUserTokenBulkCmdlet<TItem, TOut> : WKApiCmdlet where TItem : class
    {
        private readonly WKUidInput _uids = new WKUidInput();
        private OrderedDispatcher<TItem, TOut>? _dispatcher;
        private BulkProgress? _progress;

        /// <summary>How many users are handled at once; results still come out in input order.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>The progress bar's activity, for example "Registering users".</summary>
        protected abstract string Activity { get; }

        /// <summary>Checks the current record's parameters and asks ShouldProcess (pipeline thread); null skips the record.</summary>
        protected abstract TItem? Prepare(string uid);

        /// <summary>The request(s) for one item, run on a worker thread.</summary>
        protected abstract Task<TOut> WorkAsync(TItem item, CancellationToken cancellationToken);

        /// <summary>Writes one item's result (pipeline thread).</summary>
        protected abstract void WriteResult(TItem item, TOut result);

        /// <summary>The uid an item is for, as the target of its error.</summary>
        protected abstract string UidOf(TItem item);

        /// <summary>A failure that needs more than an error record (a part-done rotation); true when it was written.</summary>
        protected virtual bool WriteSpecialFailure(TItem item, Exception error) => false;

        /// <summary>Takes one record's uid: trimmed; a blank piped entry is counted and skipped, a blank -Uid is an error.</summary>
        protected void Submit(string? rawUid)
        {
            string? uid = _uids.Clean(rawUid);
            if (uid == null && !MyInvocation.ExpectingInput)
            {
                WriteWKError(new WKInvalidInputException("WKUidEmpty", "The uid is empty.", "Uid", rawUid), rawUid);
                return;
            }
            if (uid == null)
            {
                return;
            }
            TItem? item;
            try
            {
                item = Prepare(uid);
            }
            catch (Exception ex) when (IsItemFailure(ex))
            {
                WriteWKError(ex, uid);
                Advance(false);
                return;
            }
            if (item == null)
            {
                return;
            }
            _dispatcher ??= CreateDispatcher<TItem, TOut>(ThrottleLimit, WorkAsync);
            PostThrottled(_dispatcher, item, Write);
        }

        protected override void EndProcessing()
        {
            DrainThrottled(_dispatcher, Write);
            if (_progress != null)
            {
                WriteBulkProgress(_progress.Complete());
            }
            WriteBlankUidWarning(_uids);
        }

        private void Write(DispatchOutcome<TItem, TOut> outcome)
        {
            if (outcome.Succeeded)
            {
                WriteResult(outcome.Input, outcome.Result!);
            }
            else if (!WriteSpecialFailure(outcome.Input, outcome.Error!))
            {
                WriteOutcome(outcome, UidOf(outcome.Input));
            }
            Advance(outcome.Succeeded);
        }

        private void Advance(bool succeeded)
        {
            _progress ??= new BulkProgress(Activity);
            WriteBulkProgress(_progress.Advance(succeeded ? 1 : 0, succeeded ? 0 : 1));
        }
    }
}
