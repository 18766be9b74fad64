using System.Linq;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Client.Tests
{
    public sealed class TagsApiTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public TagsApiTests(EmulatorFixture emulator) => _emulator = emulator;

        [Fact]
        public async Task A_channel_tag_is_read_listed_and_removed()
        {
            using var client = new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });
            string channel = EmulatorFixture.NewId("tmp");
            await _emulator.PostRawAsync("/tmpchannel/subscriber_set", "{\"channel_id\":\"" + channel + "\",\"uids\":[\"x1\",\"x2\",\"x3\"]}");

            WKTag tag = await client.Tags.GetChannelTagAsync(channel, WKChannelType.Temp);
            Assert.Equal(channel, tag.ChannelId);
            Assert.Equal(WKChannelType.Temp, tag.ChannelType);
            Assert.Equal(new[] { "x1", "x2", "x3" }, tag.Uids);
            Assert.NotNull(tag.CreatedAt);

            WKTag byKey = await client.Tags.GetTagAsync(tag.TagKey);
            Assert.Equal(2, byKey.GetCount);

            WKTag listed = Assert.Single(await client.Tags.ListTagsAsync(channelId: channel, channelType: WKChannelType.Temp));
            Assert.Equal(3, listed.UidCount);
            Assert.Null(listed.CreatedAt);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", listed.CreatedAtText);
            Assert.Contains((await client.Tags.ListTagsAsync()).Select(t => t.TagKey), k => k == tag.TagKey);

            await client.Tags.RemoveTagAsync(tag.TagKey);
            var ex = await Assert.ThrowsAsync<WKApiException>(() => client.Tags.GetTagAsync(tag.TagKey));
            Assert.Equal(WKErrorKind.BadRequest, ex.Kind);
            Assert.Equal("tag not found", ex.ServerMessage);
            await Assert.ThrowsAsync<WKValidationException>(() => client.Tags.RemoveTagAsync(null));
        }
    }
}
