// A PowerShell host for the coverage tests that records every prompt instead of showing it. ShouldProcess (-Confirm,
// ConfirmImpact) and ShouldContinue both end in PSHostUserInterface.PromptForChoice, so counting calls to it proves
// whether a command asked, whatever host runs Pester. When AnswerYes is false a prompt throws, as a -NonInteractive
// console host does, so a command that asks when it must not fails its test instead of hanging.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace WKCoverage
{
    public sealed class PromptRecordingHost : PSHost
    {
        private readonly PromptRecordingUI _ui = new PromptRecordingUI();
        private readonly Guid _id = Guid.NewGuid();

        public PromptRecordingUI Recorder => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId => _id;
        public override string Name => "WKCoveragePromptRecordingHost";
        public override PSHostUserInterface UI => _ui;
        public override Version Version => new Version(1, 0);
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }

    public sealed class PromptRecordingUI : PSHostUserInterface
    {
        private readonly List<string> _prompts = new List<string>();
        private readonly PromptRecordingRawUI _raw = new PromptRecordingRawUI();

        /// <summary>Answer "Yes" (choice 0) to a prompt; when false a prompt throws like a -NonInteractive host.</summary>
        public bool AnswerYes { get; set; }

        /// <summary>The caption and message of each prompt, in order.</summary>
        public IReadOnlyList<string> Prompts => _prompts;

        public void Clear() => _prompts.Clear();

        public override PSHostRawUserInterface RawUI => _raw;

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            _prompts.Add(caption + ": " + message);
            if (!AnswerYes)
            {
                throw new PSInvalidOperationException("WKCoverage: the command prompted (" + caption + ": " + message + ")");
            }
            return 0;
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new PSInvalidOperationException("WKCoverage: the command asked for input (" + caption + ")");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new PSInvalidOperationException("WKCoverage: the command asked for a credential");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new PSInvalidOperationException("WKCoverage: the command asked for a credential");

        public override string ReadLine() => throw new PSInvalidOperationException("WKCoverage: the command read a line");
        public override SecureString ReadLineAsSecureString() => throw new PSInvalidOperationException("WKCoverage: the command read a line");
        public override void Write(string value) { }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
        public override void WriteLine(string value) { }
        public override void WriteErrorLine(string value) { }
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }
    }

    public sealed class PromptRecordingRawUI : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override Size BufferSize { get; set; } = new Size(300, 3000);
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.White;
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new Size(300, 100);
        public override Size MaxWindowSize => new Size(300, 100);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; } = new Size(300, 100);
        public override string WindowTitle { get; set; } = string.Empty;
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new PSInvalidOperationException("WKCoverage: the command read a key");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
