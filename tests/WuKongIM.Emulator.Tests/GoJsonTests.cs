using WuKongIM.Emulator.Core;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>The decode errors a v2.2.5 handler reports come from Go's encoding/json; the emulator must produce the same texts.</summary>
    public sealed class GoJsonTests
    {
        private static readonly GoStruct TokenReq = new("api", "UpdateTokenReq",
            new GoField("uid", GoType.String),
            new GoField("token", GoType.String),
            new GoField("device_flag", GoType.Uint8, "wkproto.DeviceFlag"),
            new GoField("device_level", GoType.Uint8, "wkproto.DeviceLevel"));

        private static string ErrorOf(string body, GoStruct? type = null) =>
            Assert.Throws<GoJsonException>(() => GoBinder.Decode(System.Text.Encoding.UTF8.GetBytes(body), type ?? TokenReq)).Message;

        [Theory]
        [InlineData("", "EOF")]
        [InlineData("   \n", "EOF")]
        [InlineData("{\"uid\":", "unexpected EOF")]
        [InlineData("{\"uid\":\"a\"", "unexpected EOF")]
        [InlineData("{bad}", "invalid character 'b' looking for beginning of object key string")]
        [InlineData("xyz", "invalid character 'x' looking for beginning of value")]
        [InlineData("{\"uid\":\"a\",}", "invalid character '}' looking for beginning of object key string")]
        [InlineData("{\"uid\" \"a\"}", "invalid character '\"' after object key")]
        [InlineData("{\"uid\":\"a\" \"b\"}", "invalid character '\"' after object key:value pair")]
        [InlineData("[1 2]", "invalid character '2' after array element")]
        public void Syntax_errors_use_gos_wording(string body, string expected) => Assert.Equal(expected, ErrorOf(body));

        [Theory]
        [InlineData("{\"device_flag\":300}", "json: cannot unmarshal number 300 into Go struct field UpdateTokenReq.device_flag of type wkproto.DeviceFlag")]
        [InlineData("{\"device_flag\":-1}", "json: cannot unmarshal number -1 into Go struct field UpdateTokenReq.device_flag of type wkproto.DeviceFlag")]
        [InlineData("{\"device_flag\":1.5}", "json: cannot unmarshal number 1.5 into Go struct field UpdateTokenReq.device_flag of type wkproto.DeviceFlag")]
        [InlineData("{\"device_flag\":\"1\"}", "json: cannot unmarshal string into Go struct field UpdateTokenReq.device_flag of type wkproto.DeviceFlag")]
        [InlineData("{\"uid\":5}", "json: cannot unmarshal number into Go struct field UpdateTokenReq.uid of type string")]
        [InlineData("{\"uid\":{}}", "json: cannot unmarshal object into Go struct field UpdateTokenReq.uid of type string")]
        [InlineData("[]", "json: cannot unmarshal array into Go value of type api.UpdateTokenReq")]
        public void Type_errors_use_gos_wording(string body, string expected) => Assert.Equal(expected, ErrorOf(body));

        [Fact]
        public void The_first_type_error_in_document_order_wins_after_the_whole_value_is_read()
        {
            Assert.Equal("json: cannot unmarshal string into Go struct field UpdateTokenReq.device_level of type wkproto.DeviceLevel",
                ErrorOf("{\"device_level\":\"x\",\"device_flag\":\"y\"}"));
        }

        [Fact]
        public void Keys_match_case_insensitively_unknown_keys_are_ignored_null_is_zero_and_trailing_bytes_are_ignored()
        {
            GoObject o = GoBinder.Decode(System.Text.Encoding.UTF8.GetBytes("{\"UID\":\"u1\",\"extra\":[1,2],\"token\":null,\"device_flag\":2} trailing"), TokenReq);
            Assert.Equal("u1", o.Str("uid"));
            Assert.Equal(string.Empty, o.Str("token"));
            Assert.Equal(2, o.U8("device_flag"));
            GoObject empty = GoBinder.Decode(System.Text.Encoding.UTF8.GetBytes("null"), TokenReq);
            Assert.Equal(string.Empty, empty.Str("uid"));
        }

        [Theory]
        [InlineData("aGVsbG8=", "hello")]
        [InlineData("aGk=", "hi")]
        [InlineData("aGVs\nbG8=", "hello")]
        public void Base64_decodes_standard_padded_input(string text, string expected) =>
            Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(GoBase64.Decode(text)));

        [Theory]
        [InlineData("hello world", "illegal base64 data at input byte 5")]
        [InlineData("aGVsbG8", "illegal base64 data at input byte 4")]
        [InlineData("aGk", "illegal base64 data at input byte 0")]
        [InlineData("aGVsbG8-", "illegal base64 data at input byte 7")]
        [InlineData("aG=k", "illegal base64 data at input byte 3")]
        public void Base64_errors_report_the_offending_byte(string text, string expected) =>
            Assert.Equal(expected, Assert.Throws<GoJsonException>(() => GoBase64.Decode(text)).Message);

        [Fact]
        public void Person_channel_ids_follow_the_crc32_rule()
        {
            Assert.Equal("bob@alice", Hashes.PersonChannelId("alice", "bob"));
            Assert.Equal("bob@alice", Hashes.PersonChannelId("bob", "alice"));
            Assert.Equal("alice@____system", Hashes.PersonChannelId("____system", "alice"));
            Assert.Equal("u2@u1", Hashes.PersonChannelId("u1", "u2"));
            Assert.Equal(12663155935008590962UL, Hashes.Fnv1a64("carol"));
        }
    }
}
