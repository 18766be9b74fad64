using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>
    /// Runs independent requests with bounded parallelism (-ThrottleLimit) and hands the outcomes back in input order,
    /// each exactly once, as soon as every earlier one is done. The caller's thread (the pipeline thread) posts work,
    /// takes outcomes and writes them; the requests themselves run on the thread pool. While the caller waits for a free
    /// slot or for the next outcome, <c>whileWaiting</c> runs on its thread (to flush verbose output).
    /// </summary>
    public sealed class OrderedDispatcher<TIn, TOut> : IDisposable
    {
        private readonly Func<TIn, CancellationToken, Task<TOut>> _work;
        private readonly SemaphoreSlim _slots;
        private readonly Queue<(TIn Input, Task<TOut> Task)> _pending = new Queue<(TIn, Task<TOut>)>();
        private readonly CancellationToken _cancellationToken;

        public OrderedDispatcher(int throttleLimit, Func<TIn, CancellationToken, Task<TOut>> work, CancellationToken cancellationToken)
        {
            if (throttleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), "ThrottleLimit must be at least 1.");
            }
            ThrottleLimit = throttleLimit;
            _work = work;
            _slots = new SemaphoreSlim(throttleLimit, throttleLimit);
            _cancellationToken = cancellationToken;
        }

        public int ThrottleLimit { get; }

        /// <summary>Inputs posted whose outcome has not been taken yet.</summary>
        public int Pending => _pending.Count;

        /// <summary>
        /// Starts the work for one input, first waiting for a free slot. Throws OperationCanceledException once the run is
        /// stopped, without starting the work.
        /// </summary>
        public void Post(TIn input, Action? whileWaiting = null)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            while (!_slots.Wait(50, _cancellationToken))
            {
                whileWaiting?.Invoke();
            }
            if (_cancellationToken.IsCancellationRequested)
            {
                // The stop freed the slot (by cancelling the items that held it): start nothing after a stop.
                _slots.Release();
                _cancellationToken.ThrowIfCancellationRequested();
            }
            // Task.Run: the caller's thread blocks in Post/Drain, so nothing may be queued back onto its synchronization context.
            _pending.Enqueue((input, Task.Run(() => RunAsync(input))));
        }

        /// <summary>The outcomes that are ready at the head of the queue, without waiting.</summary>
        public IEnumerable<DispatchOutcome<TIn, TOut>> TakeCompleted()
        {
            while (_pending.Count > 0 && _pending.Peek().Task.IsCompleted)
            {
                yield return ToOutcome(_pending.Dequeue());
            }
        }

        /// <summary>Waits for every posted input and yields the remaining outcomes in input order.</summary>
        public IEnumerable<DispatchOutcome<TIn, TOut>> Drain(Action? whileWaiting = null)
        {
            while (_pending.Count > 0)
            {
                Task head = _pending.Peek().Task;
                while (!((IAsyncResult)head).AsyncWaitHandle.WaitOne(50))
                {
                    whileWaiting?.Invoke();
                }
                yield return ToOutcome(_pending.Dequeue());
            }
        }

        private async Task<TOut> RunAsync(TIn input)
        {
            try
            {
                return await _work(input, _cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                try
                {
                    _slots.Release();
                }
                catch (ObjectDisposedException)
                {
                    // The command ended (stopped) before this item finished; nobody waits for the slot any more.
                }
            }
        }

        private static DispatchOutcome<TIn, TOut> ToOutcome((TIn Input, Task<TOut> Task) pending)
        {
            Task<TOut> task = pending.Task;
            if (task.Status == TaskStatus.RanToCompletion)
            {
                return new DispatchOutcome<TIn, TOut>(pending.Input, task.Result, null);
            }
            Exception error = task.IsCanceled
                ? new OperationCanceledException("The operation was stopped before this item finished.")
                : task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
            return new DispatchOutcome<TIn, TOut>(pending.Input, default, error);
        }

        public void Dispose() => _slots.Dispose();
    }
}
