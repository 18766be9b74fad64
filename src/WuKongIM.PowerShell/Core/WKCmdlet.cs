using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Base of every cmdlet: cancellation wired to Ctrl+C (StopProcessing), blocking calls into the async client from the
    /// pipeline thread only, request log lines written as verbose output, and exceptions turned into ErrorRecords.
    /// </summary>
    public abstract class WKCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

        protected CancellationToken CancellationToken => _cancellation.Token;

        protected override void StopProcessing() => _cancellation.Cancel();

        private readonly QueueSink _sink = new QueueSink();

        /// <summary>The dispatchers this cmdlet created; disposed with it.</summary>
        private readonly List<IDisposable> _dispatchers = new List<IDisposable>();

        /// <summary>
        /// Runs one client call to completion, writing its request log as verbose output while it runs; <paramref name="whileWaiting"/>
        /// runs on the pipeline thread between polls (to show progress of a long call).
        /// </summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> call, Action? whileWaiting = null)
        {
            Task<T> task;
            using (WKRequestLog.BeginScope(_sink))
            {
                task = call(CancellationToken);
            }
            try
            {
                // Write* may only be called on this thread, so poll and flush instead of blocking blindly.
                while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(50))
                {
                    FlushVerbose();
                    whileWaiting?.Invoke();
                }
                FlushVerbose();
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                FlushVerbose();
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Writes the request log lines collected so far; call only from the pipeline thread.</summary>
        protected void FlushVerbose() => _sink.Flush(this);

        /// <summary>
        /// A dispatcher for independent requests with bounded parallelism whose request logs reach this cmdlet's verbose
        /// stream. Outcomes come back in input order; write them from the pipeline thread.
        /// </summary>
        protected OrderedDispatcher<TIn, TOut> CreateDispatcher<TIn, TOut>(int throttleLimit, Func<TIn, CancellationToken, Task<TOut>> work)
        {
            PrepareForWorkerThreads();
            var dispatcher = new OrderedDispatcher<TIn, TOut>(throttleLimit, (input, ct) =>
            {
                using (WKRequestLog.BeginScope(_sink))
                {
                    return work(input, ct);
                }
            }, CancellationToken);
            _dispatchers.Add(dispatcher);
            return dispatcher;
        }

        /// <summary>
        /// Runs on the pipeline thread before work is handed to thread-pool threads: anything that depends on the runspace
        /// (Runspace.DefaultRunspace is thread-static) must be settled here.
        /// </summary>
        protected virtual void PrepareForWorkerThreads()
        {
        }

        /// <summary>
        /// Posts one input to a dispatcher (waiting for a free slot while flushing verbose output), then writes every outcome
        /// that is ready, in input order. A stop (Ctrl+C) while waiting ends the command at once: nothing new is started.
        /// </summary>
        protected void PostThrottled<TIn, TOut>(OrderedDispatcher<TIn, TOut> dispatcher, TIn input, Action<DispatchOutcome<TIn, TOut>> write)
        {
            try
            {
                dispatcher.Post(input, FlushVerbose);
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                FlushVerbose();
                throw new PipelineStoppedException();
            }
            foreach (DispatchOutcome<TIn, TOut> outcome in dispatcher.TakeCompleted())
            {
                FlushVerbose();
                write(outcome);
            }
        }

        /// <summary>Waits for everything posted and writes the remaining outcomes in input order (EndProcessing).</summary>
        protected void DrainThrottled<TIn, TOut>(OrderedDispatcher<TIn, TOut>? dispatcher, Action<DispatchOutcome<TIn, TOut>> write)
        {
            if (dispatcher == null)
            {
                return;
            }
            foreach (DispatchOutcome<TIn, TOut> outcome in dispatcher.Drain(FlushVerbose))
            {
                FlushVerbose();
                write(outcome);
            }
            FlushVerbose();
        }

        /// <summary>
        /// The usual way to write an outcome: the result (a sequence is written item by item), or a non-terminating error
        /// targeted at the input. Once the command is stopping, nothing more is written; an unexpected exception ends it.
        /// </summary>
        protected void WriteOutcome<TIn, TOut>(DispatchOutcome<TIn, TOut> outcome, object? target = null)
        {
            if (outcome.Succeeded)
            {
                WriteObject(outcome.Result, enumerateCollection: outcome.Result is System.Collections.IEnumerable && !(outcome.Result is string));
                return;
            }
            if (outcome.Error is OperationCanceledException && _cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            if (!IsItemFailure(outcome.Error!))
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(outcome.Error!).Throw();
            }
            WriteWKError(outcome.Error!, target ?? outcome.Input);
        }

        /// <summary>
        /// The module's one rule for what concerns a single input item, so the command reports it and goes on with the next:
        /// the server or the client refused it (WKApiException, WKValidationException and its typed input errors), a user
        /// management precondition failed, a file could not be read or written, or a raw JSON body did not parse. Anything
        /// else is a defect or a stop and ends the command.
        /// </summary>
        protected static bool IsItemFailure(Exception exception) =>
            exception is WKApiException || exception is WKValidationException || exception is WKUserManagementException ||
            exception is IOException || exception is UnauthorizedAccessException || exception is JsonException;

        /// <summary>
        /// Runs the work for one input item: an item failure (<see cref="IsItemFailure"/>) becomes a non-terminating error
        /// targeted at <paramref name="target"/> and the command goes on; a stop or an unexpected exception ends it.
        /// Returns false when the item failed.
        /// </summary>
        protected bool RunItem(object? target, Action work)
        {
            try
            {
                work();
                return true;
            }
            catch (Exception ex) when (IsItemFailure(ex))
            {
                WriteWKError(ex, target);
                return false;
            }
        }

        /// <summary>
        /// ShouldProcess that -Force can skip (ConfirmImpact=High cmdlets): with -Force no prompt is shown unless -Confirm is
        /// given explicitly, and a what-if run always wins (it only reports), whether -WhatIf is on this command or on a
        /// caller. The rule itself is <see cref="WKForce"/>.
        /// </summary>
        protected bool ShouldProcessOrForce(bool force, string target, string action)
        {
            if (WKForce.SkipsShouldProcess(force, MyInvocation.BoundParameters, () => GetVariableValue("WhatIfPreference")))
            {
                return true;
            }
            return ShouldProcess(target, action);
        }

        /// <summary>
        /// Confirmation for a change that must count as ConfirmImpact High whatever the cmdlet's own impact (-All, which
        /// empties a whole list): -Force says yes (unless -Confirm is explicit), -WhatIf only reports, -Confirm asks once,
        /// -Confirm:$false and $ConfirmPreference = 'None' say yes; with none of these it asks once, as a High command
        /// does, so a -NonInteractive run without a yes fails instead of emptying the list.
        /// </summary>
        protected bool ShouldProcessAsHighImpact(bool force, string target, string action, string query, string caption)
        {
            if (!ShouldProcessOrForce(force, target, action))
            {
                return false;
            }
            ConfirmImpact preference = WKForce.ReadPreference(GetVariableValue("ConfirmPreference"));
            return !WKForce.NeedsHighImpactPrompt(force, MyInvocation.BoundParameters, CommandImpact, preference) || ShouldContinue(query, caption);
        }

        private ConfirmImpact CommandImpact =>
            GetType().GetCustomAttributes(typeof(CmdletAttribute), true) is CmdletAttribute[] attributes && attributes.Length > 0 ? attributes[0].ConfirmImpact : ConfirmImpact.Medium;

        /// <summary>
        /// Writes one chunk's per-item results and, when its request failed, one error record naming the chunk's items;
        /// advances the progress. Returns how many items did not succeed.
        /// </summary>
        protected int WriteBulkResults(IReadOnlyList<WKBulkItemResult> results, object? errorTarget, BulkProgress? progress)
        {
            int failed = 0;
            Exception? failure = null;
            foreach (WKBulkItemResult result in results)
            {
                if (result.Status != WKBulkItemStatus.Succeeded)
                {
                    failed++;
                    failure ??= result.Exception;
                }
            }
            // One call for the chunk: the host enumerates it, instead of a WriteObject (and its checks) per row.
            WriteObject(results, enumerateCollection: true);
            if (failure != null)
            {
                WriteWKError(failure, errorTarget);
            }
            if (progress != null)
            {
                WriteBulkProgress(progress.Advance(results.Count - failed, failed));
            }
            return failed;
        }

        /// <summary>Shows a progress update from <see cref="BulkProgress"/> (null means nothing is due).</summary>
        protected void WriteBulkProgress(BulkProgressUpdate? update)
        {
            if (update == null)
            {
                return;
            }
            // A stable id per cmdlet type, so nested or repeated runs update one bar.
            var record = new ProgressRecord(Math.Abs(GetType().FullName!.GetHashCode() % 100000), update.Activity, update.StatusDescription)
            {
                PercentComplete = update.PercentComplete,
                SecondsRemaining = update.SecondsRemaining,
                RecordType = update.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            WriteProgress(record);
        }

        protected void Run(Func<CancellationToken, Task> call) => Run(async ct => { await call(ct).ConfigureAwait(false); return true; });

        /// <summary>Writes a non-terminating error for one input item.</summary>
        protected void WriteWKError(Exception exception, object? targetObject) => WriteError(ToErrorRecord(WKErrorMapper.Map(exception, targetObject)));

        /// <summary>Stops the command: used only when nothing can continue (no session, invalid settings).</summary>
        protected void ThrowWKError(Exception exception, object? targetObject) => ThrowTerminatingError(ToErrorRecord(WKErrorMapper.Map(exception, targetObject)));

        private protected static ErrorRecord ToErrorRecord(WKErrorInfo info)
        {
            var record = new ErrorRecord(info.Exception, info.ErrorId, info.Category, info.TargetObject);
            if (info.Details != null)
            {
                record.ErrorDetails = new ErrorDetails(info.Details);
                if (info.RecommendedAction != null)
                {
                    record.ErrorDetails.RecommendedAction = info.RecommendedAction;
                }
            }
            return record;
        }

        protected static Guid CurrentRunspaceId => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

        public void Dispose()
        {
            foreach (IDisposable dispatcher in _dispatchers)
            {
                dispatcher.Dispose();
            }
            _dispatchers.Clear();
            _cancellation.Dispose();
            GC.SuppressFinalize(this);
        }

        private sealed class QueueSink : IWKRequestLogSink
        {
            private readonly ConcurrentQueue<WKRequestLogEntry> _entries = new ConcurrentQueue<WKRequestLogEntry>();

            public void Write(WKRequestLogEntry entry) => _entries.Enqueue(entry);

            public void Flush(Cmdlet cmdlet)
            {
                while (_entries.TryDequeue(out WKRequestLogEntry? entry))
                {
                    cmdlet.WriteVerbose(entry.ToString());
                }
            }
        }
    }
}
