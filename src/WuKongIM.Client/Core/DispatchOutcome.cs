using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>What happened to one input of a bulk run: its result, or the exception that failed it.</summary>
    public sealed class DispatchOutcome<TIn, TOut>
    {
        internal DispatchOutcome(TIn input, TOut? result, Exception? error)
        {
            Input = input;
            Result = result;
            Error = error;
        }

        public TIn Input { get; }
        public TOut? Result { get; }
        public Exception? Error { get; }
        public bool Succeeded => Error == null;
    }
}
