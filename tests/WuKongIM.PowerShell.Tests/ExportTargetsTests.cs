using WuKongIM.Client;
using WuKongIM.PowerShell;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>Export-WKChannelMessage with channels piped in: one file must never receive two channels' histories.</summary>
    public sealed class ExportTargetsTests
    {
        [Fact]
        public void A_path_already_written_for_another_channel_in_the_same_command_is_refused()
        {
            var targets = new WKExportTargets();
            targets.Claim("/archive/all.jsonl", "g1", WKChannelType.Group, null);
            // Without {ChannelId} every piped channel expands to the same file: -Force would overwrite g1's export with g2's,
            // -Resume would continue g2 after g1's last seq (skipping g2's older messages) in the same file.
            WKValidationException refused = Assert.Throws<WKValidationException>(() => targets.Claim("/archive/all.jsonl", "g2", WKChannelType.Group, null));
            Assert.Contains("{ChannelId}", refused.Message);
            Assert.Throws<WKValidationException>(() => targets.Claim("/archive/all.jsonl", "g1", WKChannelType.Info, null));
        }

        [Fact]
        public void Distinct_paths_and_the_same_channel_again_are_accepted()
        {
            var targets = new WKExportTargets();
            targets.Claim("/archive/g1.jsonl", "g1", WKChannelType.Group, null);
            targets.Claim("/archive/g2.jsonl", "g2", WKChannelType.Group, null);
            targets.Claim("/archive/g1.jsonl", "g1", WKChannelType.Group, "anyone");
        }

        [Fact]
        public void Two_conversations_of_one_person_channel_id_are_different_histories()
        {
            var targets = new WKExportTargets();
            targets.Claim("/archive/bob.jsonl", "bob", WKChannelType.Person, "alice");
            Assert.Throws<WKValidationException>(() => targets.Claim("/archive/bob.jsonl", "bob", WKChannelType.Person, "carol"));
        }
    }
}
